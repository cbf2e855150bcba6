namespace EdgeCascade.Actors.Kernel;

/// <summary>
/// Immutable recipe for an actor: how to construct it (again, on every restart), its mailbox bound
/// and overflow policy, and the strategy it applies to its own children.
/// </summary>
public sealed class Props
{
    private readonly Func<ActorBase> _factory;

    private Props(Type actorType, Func<ActorBase> factory, int? mailboxCapacity, MailboxOverflowPolicy? overflowPolicy, SupervisorStrategy? supervisorStrategy)
    {
        ActorType = actorType;
        _factory = factory;
        MailboxCapacity = mailboxCapacity;
        OverflowPolicy = overflowPolicy;
        SupervisorStrategy = supervisorStrategy;
    }

    /// <summary>The actor class the factory creates.</summary>
    public Type ActorType { get; }

    /// <summary>Maximum queued user messages; null takes the system default (unbounded unless configured).</summary>
    public int? MailboxCapacity { get; }

    /// <summary>What happens to a message arriving at a full mailbox; null takes the system default.</summary>
    public MailboxOverflowPolicy? OverflowPolicy { get; }

    /// <summary>How this actor supervises its children; null means <see cref="SupervisorStrategy.Default"/>.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; }

    /// <summary>
    /// Props that build the actor with <paramref name="factory"/>. The factory runs on the actor's
    /// own turn, once at start and once per restart, and must return a new instance each time.
    /// </summary>
    public static Props Create<T>(Func<T> factory)
        where T : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(typeof(T), factory, mailboxCapacity: null, overflowPolicy: null, supervisorStrategy: null);
    }

    /// <summary>A copy with a bounded mailbox of <paramref name="capacity"/> user messages.</summary>
    public Props WithMailbox(int capacity, MailboxOverflowPolicy overflowPolicy = MailboxOverflowPolicy.DropNewest)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        return new Props(ActorType, _factory, capacity, overflowPolicy, SupervisorStrategy);
    }

    /// <summary>A copy whose actor supervises its children with <paramref name="strategy"/>.</summary>
    public Props WithSupervisorStrategy(SupervisorStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return new Props(ActorType, _factory, MailboxCapacity, OverflowPolicy, strategy);
    }

    internal ActorBase NewActor() => _factory() ?? throw new InvalidOperationException($"The Props factory for {ActorType.Name} returned null.");
}
