namespace EdgeCascade.Actors.Kernel;

/// <summary>
/// A tree of actors under one <c>/user</c> guardian, sharing a scheduler, a clock and dead letters.
/// </summary>
/// <remarks>
/// With a <see cref="VirtualTimeScheduler"/> nothing happens until the owner runs the scheduler:
/// creating actors, telling, stopping and <see cref="Terminate"/> only schedule events.
/// </remarks>
public sealed class ActorSystem
{
    private readonly ActorCell _guardian;
    private readonly TaskCompletionSource _whenTerminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? _terminationCause;

    private ActorSystem(string name, ActorSystemSettings settings, IActorDispatcher dispatcher)
    {
        Name = name;
        Settings = settings;
        Dispatcher = dispatcher;
        DeadLetterRef = new DeadLetterActorRef(this);
        Props guardianProps = Props.Create(() => new Guardian()).WithSupervisorStrategy(settings.GuardianSupervisorStrategy);
        _guardian = new ActorCell(this, parent: null, "user", guardianProps);
        _guardian.SendSystemMessage(SystemMessage.Create);
    }

    /// <summary>The system's name.</summary>
    public string Name { get; }

    /// <summary>The settings the system was created with.</summary>
    public ActorSystemSettings Settings { get; }

    /// <summary>The injected scheduler.</summary>
    public IScheduler Scheduler => Settings.Scheduler;

    /// <summary>The injected clock.</summary>
    public IClock Clock => Settings.Scheduler.Clock;

    /// <summary>Receives undeliverable messages; see <see cref="SubscribeDeadLetters"/>.</summary>
    public IActorRef DeadLetters => DeadLetterRef;

    /// <summary>Dead-letter records published so far (stopped recipients, overflow, unhandled).</summary>
    public long DeadLetterCount => DeadLetterRef.Count;

    /// <summary>Completes when the guardian and every actor have stopped.</summary>
    public Task WhenTerminated => _whenTerminated.Task;

    /// <summary>True once the system has fully terminated.</summary>
    public bool IsTerminated => _whenTerminated.Task.IsCompleted;

    /// <summary>
    /// The failure that terminated the system, when a top-level actor's failure was escalated past
    /// the guardian; null after a normal <see cref="Terminate"/>.
    /// </summary>
    public Exception? TerminationCause => Volatile.Read(ref _terminationCause);

    internal IActorDispatcher Dispatcher { get; }

    internal DeadLetterActorRef DeadLetterRef { get; }

    /// <summary>Creates a system on the scheduler in <paramref name="settings"/>.</summary>
    public static ActorSystem Create(string name, ActorSystemSettings settings)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Scheduler is not IActorDispatcher dispatcher)
        {
            throw new ArgumentException(
                $"Actors run on {nameof(VirtualTimeScheduler)} or {nameof(RealTimeScheduler)}, whose threading the kernel relies on; got {settings.Scheduler.GetType().Name}.",
                nameof(settings));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(settings.DefaultMailboxCapacity, 1);
        if (settings.Throughput is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.Throughput, "Throughput must be at least 1.");
        }

        return new ActorSystem(name, settings, dispatcher);
    }

    /// <summary>Creates a top-level actor under <c>/user</c>.</summary>
    public IActorRef ActorOf(Props props, string? name = null) => _guardian.ActorOf(props, name);

    /// <summary>Stops <paramref name="actor"/> after the message it is handling; its children stop first.</summary>
    public void Stop(IActorRef actor) => _guardian.Stop(actor);

    /// <summary>Stops every actor, then completes <see cref="WhenTerminated"/>.</summary>
    public void Terminate() => _guardian.SendSystemMessage(SystemMessage.Terminate);

    /// <summary>Tells every dead-letter record to <paramref name="subscriber"/> from now on.</summary>
    public void SubscribeDeadLetters(IActorRef subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        DeadLetterRef.Subscribe(subscriber);
    }

    /// <summary>Stops telling dead-letter records to <paramref name="subscriber"/>.</summary>
    public void UnsubscribeDeadLetters(IActorRef subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        DeadLetterRef.Unsubscribe(subscriber);
    }

    /// <summary>User messages queued for <paramref name="actor"/> (0 for references without a mailbox).</summary>
    public static int GetMailboxLength(IActorRef actor) => actor is ActorCell cell ? cell.MailboxLength : 0;

    internal void OnGuardianFailure(Exception cause)
    {
        // Nobody above the guardian can decide: a failure escalated this far ends the system.
        Interlocked.CompareExchange(ref _terminationCause, cause, null);
        Terminate();
    }

    internal void OnGuardianTerminated() => _whenTerminated.TrySetResult();
}
