namespace EdgeCascade.Runtime.Transport;

internal sealed class RabbitMqDelivery : Delivery
{
    private readonly RabbitMqSubscription _subscription;
    private readonly ulong _deliveryTag;

    public RabbitMqDelivery(RabbitMqSubscription subscription, ulong deliveryTag, Envelope envelope, byte[] payload, bool redelivered)
        : base(subscription.Node, envelope, payload, redelivered)
    {
        _subscription = subscription;
        _deliveryTag = deliveryTag;
    }

    protected override Task SettleAsync(bool ack, bool requeue, CancellationToken cancellationToken)
    {
        _subscription.EnvelopeSettled();
        return _subscription.SettleAsync(this, _deliveryTag, ack, requeue, cancellationToken);
    }
}
