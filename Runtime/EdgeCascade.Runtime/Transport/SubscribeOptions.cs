namespace EdgeCascade.Runtime.Transport;

/// <summary>How a subscription consumes its queue.</summary>
public sealed class SubscribeOptions
{
    /// <summary>
    /// Most deliveries handed out and not yet acked or nacked. This is the backpressure: a node that is slow to ack
    /// stops receiving (its upstream's Akka.Delivery lanes stay unconfirmed). Default 64.
    /// </summary>
    public int Prefetch { get; init; } = 64;

    /// <summary>
    /// Most handler calls running at once. 1 (the default) keeps queue order. A handler may also return before it
    /// settles its delivery, so a relay can keep many downstream confirms in flight with a concurrency of 1.
    /// </summary>
    public int Concurrency { get; init; } = 1;

    /// <summary>Called (on a transport thread) for every message dropped because its checksum or envelope is bad.</summary>
    public Action<RejectedMessage>? Rejected { get; init; }

    internal void Validate()
    {
        if (Prefetch is < 1 or > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(Prefetch), Prefetch, "prefetch must be between 1 and 65535");
        }

        if (Concurrency is < 1 or > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(Concurrency), Concurrency, "concurrency must be between 1 and 65535");
        }
    }
}
