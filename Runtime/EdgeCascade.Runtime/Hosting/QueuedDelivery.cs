using EdgeCascade.Runtime.Transport;

namespace EdgeCascade.Runtime.Hosting;

/// <summary>
/// An image a source holds in its <see cref="Durability.DurableSourceQueue"/>: the transport delivery it came in was
/// acked once the image was on disk, so settling this one only tells the queue (done, or try again later).
/// </summary>
internal sealed class QueuedDelivery : Delivery
{
    private readonly Func<QueuedDelivery, bool, bool, Task> _settle;

    public QueuedDelivery(long entryId, string node, Envelope envelope, ReadOnlyMemory<byte> payload, bool redelivered, Func<QueuedDelivery, bool, bool, Task> settle)
        : base(node, envelope, payload, redelivered)
    {
        EntryId = entryId;
        _settle = settle;
    }

    /// <summary>The image's entry in the queue.</summary>
    public long EntryId { get; }

    protected override Task SettleAsync(bool ack, bool requeue, CancellationToken cancellationToken) => _settle(this, ack, requeue);
}
