using System.Diagnostics;

namespace EdgeCascade.Actors.Kernel;

/// <summary>
/// The runtime home of one actor: its reference, mailbox, context, children, watchers and timers.
/// The cell outlives actor instances (a restart swaps the instance, keeps the cell and mailbox).
/// </summary>
/// <remarks>
/// A cell is scheduled (a <see cref="Run"/> turn requested from the dispatcher) only when it goes
/// from idle to having work, guarded by <see cref="_scheduled"/>; so at most one turn runs at a
/// time and the actor needs no locks. Split by concern into ActorCell.*.cs partials.
/// </remarks>
internal sealed partial class ActorCell : IInternalActorRef, IActorContext, IThreadPoolWorkItem
{
    private const int StateAlive = 0;
    private const int StateTerminating = 1;
    private const int StateTerminated = 2;

    [ThreadStatic]
    private static ActorCell? t_constructing;

    private readonly ActorSystem _system;
    private readonly ActorCell? _parent;
    private readonly Props _props;
    private readonly Mailbox _mailbox;
    private readonly MailboxOverflowPolicy _overflowPolicy;
    private readonly IActorDispatcher _dispatcher;
    private readonly bool _singleThreaded;
    private readonly int _throughput;
    private ActorBase? _actor;
    private TimerScheduler? _timers;
    private IActorRef? _currentSender;
    private object? _currentMessage;
    private volatile int _state;
    private int _scheduled;

    // Set while a failure waits for the parent's directive: user messages stay queued meanwhile.
    private bool _suspended;

    public ActorCell(ActorSystem system, ActorCell? parent, string name, Props props)
    {
        _system = system;
        _parent = parent;
        _props = props;
        Name = name;
        Path = (parent?.Path ?? string.Empty) + "/" + name;
        _dispatcher = system.Dispatcher;
        _singleThreaded = _dispatcher.IsSingleThreaded;
        _throughput = system.Settings.Throughput ?? _dispatcher.DefaultThroughput;
        int capacity = props.MailboxCapacity ?? system.Settings.DefaultMailboxCapacity;
        _mailbox = _singleThreaded ? new SingleThreadedMailbox(capacity) : new ConcurrentMailbox(capacity);
        _overflowPolicy = props.OverflowPolicy ?? system.Settings.DefaultOverflowPolicy;
    }

    /// <summary>The cell whose actor is being constructed on this thread; read by the ActorBase constructor.</summary>
    internal static ActorCell? Constructing => t_constructing;

    public string Name { get; }

    public string Path { get; }

    public ActorSystem System => _system;

    public IActorRef Self => this;

    public IActorRef Sender => _currentSender ?? _system.DeadLetters;

    public IActorRef Parent => (IActorRef?)_parent ?? this;

    public IClock Clock => _system.Clock;

    public ITimerScheduler Timers => _timers ??= new TimerScheduler(this);

    public int MailboxLength => _mailbox.Count;

    internal bool IsTerminated => _state == StateTerminated;

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_state == StateTerminated)
        {
            _system.DeadLetterRef.Publish(new DeadLetter(message, sender, this));
            return;
        }

        if (!_mailbox.TryEnqueue(new Envelope(message, sender)))
        {
            Overflow(message, sender);
            return;
        }

        Schedule();
    }

    public override string ToString() => Path;

    void IThreadPoolWorkItem.Execute() => Run();

    /// <summary>
    /// One turn: all pending system messages, then up to the throughput of user messages (system
    /// messages are checked again after each, so a stop or failure takes effect at once).
    /// </summary>
    internal void Run()
    {
        ProcessSystemMessages();
        for (int processed = 0; processed < _throughput && CanProcessUserMessages; processed++)
        {
            if (!_mailbox.TryDequeue(out Envelope envelope))
            {
                break;
            }

            Invoke(envelope);
            if (_mailbox.HasSystemMessages)
            {
                ProcessSystemMessages();
            }
        }

        if (_state == StateTerminated)
        {
            // Stragglers that raced with termination in real time.
            DrainMailboxToDeadLetters();
        }

        if (_singleThreaded)
        {
            _scheduled = 0;
        }
        else
        {
            Volatile.Write(ref _scheduled, 0);
        }

        if (_mailbox.HasSystemMessages || (_mailbox.Count > 0 && (CanProcessUserMessages || _state == StateTerminated)))
        {
            Schedule();
        }
    }

    /// <summary>Enqueues the actor's own control traffic past the mailbox bound (timers, death watch).</summary>
    internal void EnqueueControl(object message)
    {
        if (_state == StateTerminated)
        {
            return;
        }

        _mailbox.EnqueueUnbounded(new Envelope(message, Sender: null));
        Schedule();
    }

    internal void SendSystemMessage(SystemMessage message)
    {
        _mailbox.EnqueueSystem(message);
        Schedule();
    }

    internal void PublishUnhandled(object message) => _system.DeadLetterRef.Publish(new UnhandledMessage(message, _currentSender, this));

    private bool CanProcessUserMessages => _state == StateAlive && !_suspended && _actor is not null;

    private void Schedule()
    {
        if (_singleThreaded)
        {
            if (_scheduled == 0)
            {
                _scheduled = 1;
                _dispatcher.Dispatch(this);
            }
        }
        else if (Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            _dispatcher.Dispatch(this);
        }
    }

    private void Invoke(Envelope envelope)
    {
        object message = envelope.Message;
        _currentSender = envelope.Sender;
        _currentMessage = message;
        try
        {
            switch (message)
            {
                case TimerEntry timer:
                    if (_timers is null || !_timers.TryConsume(timer))
                    {
                        return;
                    }

                    message = timer.Message;
                    _currentMessage = message;
                    break;
                case DeathWatchNotification notification:
                    if (!_watching.Remove(notification.Actor))
                    {
                        return;
                    }

                    message = new Terminated(notification.Actor);
                    _currentMessage = message;
                    break;
                case PoisonPill:
                    InitiateTermination();
                    return;
            }

            ActorBase actor = _actor!;
            if (!actor.InvokeReceive(message))
            {
                actor.InvokeUnhandled(message);
            }
        }
#pragma warning disable CA1031 // Any exception from a handler is a failure for the supervisor to decide on.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            HandleInvokeFailure(exception);
        }
        finally
        {
            _currentSender = null;
            _currentMessage = null;
        }
    }

    private void Overflow(object message, IActorRef? sender)
    {
        // A MailboxFull is never bounced back: two full Reject mailboxes would ping-pong forever.
        if (_overflowPolicy == MailboxOverflowPolicy.Reject && sender is not null && message is not MailboxFull)
        {
            sender.Tell(new MailboxFull(message, this), this);
            return;
        }

        _system.DeadLetterRef.Publish(new MailboxOverflow(message, sender, this, _mailbox.Capacity));
    }

    private void DrainMailboxToDeadLetters()
    {
        while (_mailbox.TryDequeue(out Envelope envelope))
        {
            // Control traffic addressed to ourselves is meaningless once stopped.
            if (envelope.Message is not (TimerEntry or DeathWatchNotification))
            {
                _system.DeadLetterRef.Publish(new DeadLetter(envelope.Message, envelope.Sender, this));
            }
        }
    }

    private void ProcessSystemMessages()
    {
        while (_mailbox.TryDequeueSystem(out SystemMessage message))
        {
            switch (message.Kind)
            {
                case SystemMessageKind.Create:
                    if (_state == StateAlive)
                    {
                        CreateActor(restartCause: null);
                    }

                    break;
                case SystemMessageKind.Terminate:
                    InitiateTermination();
                    break;
                case SystemMessageKind.Recreate:
                    Restart(message.Cause!);
                    break;
                case SystemMessageKind.Resume:
                    ResumeAfterFailure(message);
                    break;
                case SystemMessageKind.Failed:
                    HandleChildFailure(message.Child!, message.Cause!);
                    break;
                case SystemMessageKind.ChildTerminated:
                    HandleChildTerminated(message.Child!);
                    break;
                default:
                    Debug.Fail("Unknown system message " + message.Kind);
                    break;
            }
        }
    }

    private void CreateActor(Exception? restartCause)
    {
        ActorCell? outer = t_constructing;
        t_constructing = this;
        try
        {
            _actor = _props.NewActor();
            _actor.InvokeOnConstructed();
        }
#pragma warning disable CA1031 // Construction failures go to the supervisor as ActorInitializationException.
        catch (Exception exception)
        {
            _actor = null;
            HandleInvokeFailure(new ActorInitializationException($"Creating {Path} failed: {exception.Message}", exception));
            return;
        }
        finally
        {
            t_constructing = outer;
        }

        try
        {
            if (restartCause is null)
            {
                _actor.InvokePreStart();
            }
            else
            {
                _actor.InvokePostRestart(restartCause);
            }
        }
        catch (Exception exception)
#pragma warning restore CA1031
        {
            HandleInvokeFailure(new ActorInitializationException($"Starting {Path} failed: {exception.Message}", exception));
        }
    }
}
