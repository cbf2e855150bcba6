namespace EdgeCascade.Runtime.Transport;

/// <summary>
/// Settles one broker message that carried an <see cref="EnvelopeBatch"/>: the broker only knows the whole frame, so
/// it is acked once every envelope in it is settled, or requeued whole when any of them asked for a requeue.
/// </summary>
/// <remarks>
/// Requeueing the whole frame hands the envelopes already forwarded out again; they arrive downstream a second time
/// and the sinks' de-duplication drops them (at-least-once, as after a crash). Drops count as settled: a frame whose
/// envelopes were all dropped or acked is acked, which removes it just as a nack would.
/// </remarks>
internal sealed class RabbitMqBatchSettlement
{
    private readonly RabbitMqSubscription _subscription;
    private readonly ulong _deliveryTag;
    private int _outstanding;
    private int _requeueRequested;

    public RabbitMqBatchSettlement(RabbitMqSubscription subscription, ulong deliveryTag, int envelopes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(envelopes, 1);
        _subscription = subscription;
        _deliveryTag = deliveryTag;
        _outstanding = envelopes;
    }

    /// <summary>
    /// Records one envelope's outcome. Before the last one this completes at once (the frame is still held); the last
    /// one sends the frame's ack or requeue and completes when it is sent.
    /// </summary>
    public Task SettleAsync(Delivery envelope, bool ack, bool requeue, CancellationToken cancellationToken)
    {
        _subscription.EnvelopeSettled();
        if (!ack && requeue)
        {
            Interlocked.Exchange(ref _requeueRequested, 1);
        }

        if (Interlocked.Decrement(ref _outstanding) > 0)
        {
            _subscription.ThrowIfClosed(envelope, ack);
            return Task.CompletedTask;
        }

        bool requeueFrame = Volatile.Read(ref _requeueRequested) != 0;
        return _subscription.SettleAsync(envelope, _deliveryTag, ack: !requeueFrame, requeue: requeueFrame, cancellationToken);
    }
}
