namespace EdgeCascade.Actors.Kernel;

/// <summary>
/// Where undeliverable messages go. Counts them and forwards each record (<see cref="DeadLetter"/>,
/// <see cref="MailboxOverflow"/>, <see cref="UnhandledMessage"/>) to the subscribers, e.g. a
/// metrics actor or a test probe.
/// </summary>
internal sealed class DeadLetterActorRef(ActorSystem system) : IInternalActorRef
{
    [ThreadStatic]
    private static bool t_publishing;

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

        // Telling a subscriber can itself produce a dead letter (it stopped, or its bounded
        // mailbox is full); forwarding that one again would recurse without end, so records
        // raised while publishing are counted but not forwarded.
        if (t_publishing)
        {
            return;
        }

        t_publishing = true;
        try
        {
            foreach (IActorRef subscriber in Volatile.Read(ref _subscribers))
            {
                if (subscriber is ActorCell { IsTerminated: true })
                {
                    Unsubscribe(subscriber);
                    continue;
                }

                subscriber.Tell(record);
            }
        }
        finally
        {
            t_publishing = false;
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
