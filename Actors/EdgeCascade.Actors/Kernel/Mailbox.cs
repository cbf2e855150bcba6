namespace EdgeCascade.Actors.Kernel;

/// <summary>
/// An actor's user-message queue (bounded by <see cref="Capacity"/>) and its system-message queue
/// (never bounded, since dropping a lifecycle signal would wedge supervision).
/// </summary>
internal abstract class Mailbox
{
    protected Mailbox(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    /// <summary>User messages waiting.</summary>
    public abstract int Count { get; }

    public abstract bool HasSystemMessages { get; }

    /// <summary>Enqueues unless <see cref="Count"/> has reached <see cref="Capacity"/>.</summary>
    public abstract bool TryEnqueue(Envelope envelope);

    /// <summary>
    /// Enqueues past the capacity. For the actor's own control traffic (timer ticks, death-watch
    /// notifications), which must not be lost to a full mailbox.
    /// </summary>
    public abstract void EnqueueUnbounded(Envelope envelope);

    public abstract bool TryDequeue(out Envelope envelope);

    public abstract void EnqueueSystem(SystemMessage message);

    public abstract bool TryDequeueSystem(out SystemMessage message);
}
