namespace EdgeCascade.Runtime.Transport;

internal sealed class InProcDelivery : Delivery
{
    private readonly InProcSubscription _subscription;

    public InProcDelivery(InProcSubscription subscription, InProcMessage message)
        : base(subscription.Node, message.Envelope, message.Payload, message.Redelivered)
    {
        _subscription = subscription;
        Message = message;
    }

    public InProcMessage Message { get; }

    protected override Task SettleAsync(bool ack, bool requeue, CancellationToken cancellationToken)
    {
        _subscription.Settle(this, ack, requeue);
        return Task.CompletedTask;
    }
}
