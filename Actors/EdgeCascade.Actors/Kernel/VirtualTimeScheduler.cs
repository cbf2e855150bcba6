namespace EdgeCascade.Actors.Kernel;

/// <summary>
/// Deterministic discrete-event scheduler and clock for the simulator and for tests. Everything
/// (timers, scheduled actions, and every actor turn, i.e. every message delivery) is an event
/// ordered by (time, priority, sequence) and run one at a time on the calling thread. Time moves
/// only when the caller runs events; nothing here reads the wall clock or a random source.
/// </summary>
/// <remarks>
/// Not thread-safe: create, tell and run from one thread. Events due now with the default
/// priority, which is what every message delivery is, go to a FIFO ring instead of the heap; the
/// ring holds only (now, 0, ascending sequence) entries, so merging it with the heap by key gives
/// exactly the order a single heap would, at a fraction of the cost.
/// </remarks>
public sealed class VirtualTimeScheduler : IScheduler, IClock, IActorDispatcher
{
    private readonly EventHeap _heap = new();
    private ScheduledEvent[] _ringEvents = new ScheduledEvent[256];
    private ulong[] _ringOrders = new ulong[256];
    private int _ringHead;
    private int _ringCount;
    private long _now;
    private long _nextSequence;
    private long _processedEvents;
    private bool _stopRequested;

    /// <inheritdoc />
    public long Now => _now;

    /// <inheritdoc />
    public IClock Clock => this;

    /// <summary>Events run since creation.</summary>
    public long ProcessedEvents => _processedEvents;

    /// <summary>Events scheduled and not yet run.</summary>
    public int PendingEvents => _heap.Count + _ringCount;

    /// <summary>Time of the next pending event, or null when idle.</summary>
    public long? NextEventTime => _ringCount > 0 ? _now : _heap.TryPeek(out long time, out _) ? time : null;

    bool IActorDispatcher.IsSingleThreaded => true;

    // One message per turn: every delivery is its own event, so interleaving between actors follows
    // the (time, priority, sequence) order rather than mailbox batching.
    int IActorDispatcher.DefaultThroughput => 1;

    /// <inheritdoc />
    public void ScheduleAt(long timeNs, Action action, int priority = 0)
    {
        ArgumentNullException.ThrowIfNull(action);
        Enqueue(timeNs, priority, new ScheduledEvent(ScheduledEventKind.Action, action));
    }

    /// <inheritdoc />
    public void ScheduleAt(long timeNs, Action<object?> action, object? state, int priority = 0)
    {
        ArgumentNullException.ThrowIfNull(action);
        Enqueue(timeNs, priority, new ScheduledEvent(ScheduledEventKind.StateAction, action, state));
    }

    /// <inheritdoc />
    public void ScheduleTellAt(long timeNs, IActorRef recipient, object message, IActorRef? sender = null, int priority = 0)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(message);
        Enqueue(timeNs, priority, new ScheduledEvent(ScheduledEventKind.Tell, recipient, message, sender));
    }

    void IActorDispatcher.Dispatch(ActorCell cell) => EnqueueNow(new ScheduledEvent(ScheduledEventKind.ActorTurn, cell));

    /// <summary>Runs the next event if it is due at or before <paramref name="limitNs"/>.</summary>
    /// <returns>False when no event is due by then; the clock is left unchanged in that case.</returns>
    public bool RunNext(long limitNs = long.MaxValue)
    {
        if (limitNs < _now)
        {
            return false;
        }

        ScheduledEvent next;
        if (_ringCount > 0 && !HeapRunsBeforeRing())
        {
            next = _ringEvents[_ringHead];
            _ringEvents[_ringHead] = default;
            _ringHead = (_ringHead + 1) & (_ringEvents.Length - 1);
            _ringCount--;
        }
        else
        {
            if (!_heap.TryPeek(out long time, out _) || time > limitNs)
            {
                return false;
            }

            next = _heap.Pop();
            _now = time;
        }

        _processedEvents++;
        next.Run();
        return true;
    }

    /// <summary>Runs events until none is left, or until <see cref="RequestStop"/> is called.</summary>
    /// <remarks>Never returns while a periodic timer is active; use <see cref="RunUntil"/> then.</remarks>
    /// <returns>The number of events run.</returns>
    public long RunUntilIdle()
    {
        long before = _processedEvents;
        _stopRequested = false;
        while (!_stopRequested && RunNext())
        {
        }

        return _processedEvents - before;
    }

    /// <summary>
    /// Runs every event due at or before <paramref name="timeNs"/>, then sets the clock to
    /// <paramref name="timeNs"/> (unless stopped early by <see cref="RequestStop"/>).
    /// </summary>
    /// <returns>The number of events run.</returns>
    public long RunUntil(long timeNs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeNs, _now);
        long before = _processedEvents;
        _stopRequested = false;
        while (!_stopRequested && RunNext(timeNs))
        {
        }

        if (!_stopRequested)
        {
            _now = timeNs;
        }

        return _processedEvents - before;
    }

    /// <summary>Runs everything due within <paramref name="duration"/> of now and moves the clock by it.</summary>
    public long Advance(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        return RunUntil(checked(_now + duration.ToNanoseconds()));
    }

    /// <summary>
    /// Makes the running <see cref="RunUntilIdle"/> or <see cref="RunUntil"/> return after the
    /// current event (e.g. on Ctrl-C). Pending events stay queued.
    /// </summary>
    public void RequestStop() => _stopRequested = true;

    private void Enqueue(long timeNs, int priority, ScheduledEvent scheduled)
    {
        if (timeNs < _now)
        {
            throw new ArgumentOutOfRangeException(nameof(timeNs), timeNs, $"Cannot schedule in the past (now is {_now} ns).");
        }

        if (priority is < EventKey.MinPriority or > EventKey.MaxPriority)
        {
            throw new ArgumentOutOfRangeException(nameof(priority), priority, $"Priority must be within [{EventKey.MinPriority}, {EventKey.MaxPriority}].");
        }

        if (timeNs == _now && priority == 0)
        {
            EnqueueNow(scheduled);
            return;
        }

        _heap.Push(new EventKey(timeNs, priority, _nextSequence++), scheduled);
    }

    private void EnqueueNow(ScheduledEvent scheduled)
    {
        if (_ringCount == _ringEvents.Length)
        {
            GrowRing();
        }

        int tail = (_ringHead + _ringCount) & (_ringEvents.Length - 1);
        _ringEvents[tail] = scheduled;
        _ringOrders[tail] = EventKey.DefaultPriorityOrder(_nextSequence++);
        _ringCount++;
    }

    // Ring entries are all (now, 0, seq); a heap entry goes first only if it is also due now and
    // is more urgent, or equally urgent and scheduled earlier, i.e. has the smaller packed order.
    private bool HeapRunsBeforeRing() =>
        _heap.TryPeek(out long time, out ulong order) && time == _now && order < _ringOrders[_ringHead];

    private void GrowRing()
    {
        var events = new ScheduledEvent[_ringEvents.Length * 2];
        ulong[] orders = new ulong[events.Length];
        for (int i = 0; i < _ringCount; i++)
        {
            int from = (_ringHead + i) & (_ringEvents.Length - 1);
            events[i] = _ringEvents[from];
            orders[i] = _ringOrders[from];
        }

        _ringEvents = events;
        _ringOrders = orders;
        _ringHead = 0;
    }
}
