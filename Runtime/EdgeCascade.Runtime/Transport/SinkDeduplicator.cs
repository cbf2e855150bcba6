namespace EdgeCascade.Runtime.Transport;

/// <summary>
/// Remembers which (flow id, image id) pairs a sink has already delivered so redeliveries are dropped, keeping at
/// most <see cref="Capacity"/> keys: the oldest are forgotten first. Thread-safe.
/// </summary>
/// <remarks>
/// At-least-once transport means a sink sees an image again when an upstream node crashed after forwarding but
/// before acking. Duplicates arrive close together in practice (within a prefetch window or a restart), so a
/// bounded window of recent keys catches them without growing forever. Size the capacity above the number of
/// images that can be in flight across the cluster.
/// </remarks>
public sealed class SinkDeduplicator
{
    private readonly HashSet<(string FlowId, long ImageId)> _seen;
    private readonly Queue<(string FlowId, long ImageId)> _order;
    private readonly Lock _gate = new();
    private long _duplicates;

    public SinkDeduplicator(int capacity = 100_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _seen = new HashSet<(string, long)>(Math.Min(capacity, 4096));
        _order = new Queue<(string, long)>(Math.Min(capacity, 4096));
    }

    public int Capacity { get; }

    /// <summary>Keys currently remembered.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _seen.Count;
            }
        }
    }

    /// <summary>How many duplicates <see cref="TryAccept(string, long)"/> has turned away.</summary>
    public long DuplicateCount => Interlocked.Read(ref _duplicates);

    /// <summary>True the first time a key is seen (deliver it); false for a duplicate (ack it and drop it).</summary>
    public bool TryAccept(string flowId, long imageId)
    {
        ArgumentNullException.ThrowIfNull(flowId);
        lock (_gate)
        {
            if (!_seen.Add((flowId, imageId)))
            {
                _duplicates++;
                return false;
            }

            _order.Enqueue((flowId, imageId));
            if (_order.Count > Capacity)
            {
                _seen.Remove(_order.Dequeue());
            }

            return true;
        }
    }

    /// <summary>Same as <see cref="TryAccept(string, long)"/> with the envelope's flow and image.</summary>
    public bool TryAccept(Envelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return TryAccept(envelope.FlowId, envelope.ImageId);
    }

    /// <summary>True when the key is remembered as delivered.</summary>
    public bool Contains(string flowId, long imageId)
    {
        lock (_gate)
        {
            return _seen.Contains((flowId, imageId));
        }
    }

    /// <summary>
    /// Forgets a key accepted by <see cref="TryAccept(string, long)"/> whose delivery then failed, so the
    /// redelivered copy is accepted. The key's old slot in the eviction order stays, so a re-accepted key may be
    /// forgotten somewhat earlier than its age says; that only narrows the window.
    /// </summary>
    public void Forget(string flowId, long imageId)
    {
        lock (_gate)
        {
            _seen.Remove((flowId, imageId));
        }
    }
}
