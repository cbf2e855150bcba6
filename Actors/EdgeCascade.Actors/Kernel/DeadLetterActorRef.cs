namespace EdgeCascade.Actors.Kernel;

/// <summary>
/// Where undeliverable messages go. Counts them and forwards each record (<see cref="DeadLetter"/>,
/// <see cref="MailboxOverflow"/>, <see cref="UnhandledMessage"/>) to the subscribers, e.g. a
/// metrics actor or a test probe.
/// </summary>
internal sealed class DeadLetterActorRef(ActorSystem system) : IInternalActorRef
{
    // Copy-on-write: publishing (frequent, any thread) reads without a lock.
    private IActorRef[] _subscribers = [];
    private long _count;

    public string Name => "deadLetters";

    public string Path => "/deadLetters";

    public ActorSystem System => system;

    public long Count => Interlocked.Read(ref _count);

    /// <summary>A message told to dead letters directly is recorded as a <see cref="DeadLetter"/>.</summary>
    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        Publish(message is DeadLetter or MailboxOverflow or UnhandledMessage ? message : new DeadLetter(message, sender, this));
    }

    public void Publish(object record)
    {
        Interlocked.Increment(ref _count);
        foreach (IActorRef subscriber in Volatile.Read(ref _subscribers))
        {
            subscriber.Tell(record);
        }
    }

    public void Subscribe(IActorRef subscriber)
    {
        IActorRef[] current, updated;
        do
        {
            current = Volatile.Read(ref _subscribers);
            if (current.Contains(subscriber))
            {
                return;
            }

            updated = [.. current, subscriber];
        }
        while (Interlocked.CompareExchange(ref _subscribers, updated, current) != current);
    }

    public void Unsubscribe(IActorRef subscriber)
    {
        IActorRef[] current, updated;
        do
        {
            current = Volatile.Read(ref _subscribers);
            updated = [.. current.Where(s => !ReferenceEquals(s, subscriber))];
        }
        while (Interlocked.CompareExchange(ref _subscribers, updated, current) != current);
    }

    public override string ToString() => Path;
}
