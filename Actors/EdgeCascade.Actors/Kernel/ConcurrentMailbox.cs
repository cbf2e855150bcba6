using System.Collections.Concurrent;

namespace EdgeCascade.Actors.Kernel;

/// <summary>Mailbox for the real-time scheduler: many producers, one consumer (the actor's turn).</summary>
internal sealed class ConcurrentMailbox(int capacity) : Mailbox(capacity)
{
    private readonly ConcurrentQueue<Envelope> _messages = new();
    private readonly ConcurrentQueue<SystemMessage> _systemMessages = new();

    // Counted separately because ConcurrentQueue.Count is O(segments) and racy against the bound.
    private int _count;

    public override int Count => Volatile.Read(ref _count);

    public override bool HasSystemMessages => !_systemMessages.IsEmpty;

    public override bool TryEnqueue(Envelope envelope)
    {
        // Reserve a slot first so concurrent senders cannot overshoot the capacity together.
        if (Interlocked.Increment(ref _count) > Capacity)
        {
            Interlocked.Decrement(ref _count);
            return false;
        }

        _messages.Enqueue(envelope);
        return true;
    }

    public override void EnqueueUnbounded(Envelope envelope)
    {
        Interlocked.Increment(ref _count);
        _messages.Enqueue(envelope);
    }

    public override bool TryDequeue(out Envelope envelope)
    {
        if (!_messages.TryDequeue(out envelope))
        {
            return false;
        }

        Interlocked.Decrement(ref _count);
        return true;
    }

    public override void EnqueueSystem(SystemMessage message) => _systemMessages.Enqueue(message);

    public override bool TryDequeueSystem(out SystemMessage message) => _systemMessages.TryDequeue(out message!);
}
