namespace EdgeCascade.Runtime.Transport;

/// <summary>One envelope out of a broker message that carried an <see cref="EnvelopeBatch"/>.</summary>
internal sealed class RabbitMqBatchedDelivery : Delivery
{
    private readonly RabbitMqBatchSettlement _frame;

    public RabbitMqBatchedDelivery(string node, RabbitMqBatchSettlement frame, Envelope envelope, byte[] payload, bool redelivered)
        : base(node, envelope, payload, redelivered)
    {
        _frame = frame;
    }

    protected override Task SettleAsync(bool ack, bool requeue, CancellationToken cancellationToken) =>
        _frame.SettleAsync(this, ack, requeue, cancellationToken);
}
