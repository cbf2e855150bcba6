using Akka.Actor;
using Akka.Configuration;
using Akka.Dispatch;
using Akka.Event;

namespace EdgeCascade.Simulation.Engine;

/// <summary>
/// Akka <see cref="IScheduler"/> on a virtual clock that starts at zero and moves only when the simulator
/// asks it to jump to the next due item (<see cref="AdvanceToNextDue"/>). Selected per ActorSystem with
/// <c>akka.scheduler.implementation</c>; one instance per run, nothing static.
/// </summary>
/// <remarks>
/// Why our own: Akka's schedulers run on the wall clock, and the TestKit's <c>TestScheduler</c> starts at the
/// real time, advances only by fixed quanta and ignores cancelables. A simulation needs next-event jumps and a
/// total order: due items are kept in a priority queue keyed by (due tick, sequence), so items due at the same
/// instant fire in the order they were scheduled. Cancelled items are dropped without moving the clock. Firing
/// only enqueues messages (or runs Akka's own scheduled actions); the simulation actors run afterwards on the
/// <see cref="DeterministicDispatcher"/>'s loop. A lock guards the queue because Akka's system actors (on the
/// default dispatcher) may schedule too; the simulation itself is single-threaded. Never give this scheduler
/// to a clustered system: remoting and cluster timers would freeze.
/// </remarks>
public sealed class VirtualTimeScheduler : SchedulerBase, IDisposable
{
    private readonly Lock _gate = new();
    private readonly PriorityQueue<DueItem, (long Tick, long Sequence)> _due = new();
    private readonly List<DueItem> _firing = [];
    private long _nowTicks;
    private long _sequence;
    private long _firings;

    /// <summary>Called by Akka with the system's config and log (the <c>akka.scheduler.implementation</c> contract).</summary>
    public VirtualTimeScheduler(Config scheduler, ILoggingAdapter log)
        : base(scheduler, log)
    {
    }

    /// <inheritdoc/>
    public override TimeSpan MonotonicClock => TimeSpan.FromTicks(Volatile.Read(ref _nowTicks));

    /// <inheritdoc/>
    public override TimeSpan HighResMonotonicClock => MonotonicClock;

    /// <summary>Scheduled items that have fired so far (tells and actions; cancelled ones not counted).</summary>
    public long Firings => Volatile.Read(ref _firings);

    /// <inheritdoc/>
    protected override DateTimeOffset TimeNow => DateTimeOffset.UnixEpoch + MonotonicClock;

    /// <summary>
    /// Jumps the clock to the earliest due item that is not cancelled, if it is at or before
    /// <paramref name="limitTicks"/>, and fires every item due at that instant in scheduling order.
    /// </summary>
    /// <returns>False when nothing is due up to the limit (the clock does not move).</returns>
    public bool AdvanceToNextDue(long limitTicks = long.MaxValue)
    {
        long tick;
        lock (_gate)
        {
            if (!TryPeekLive(out tick) || tick > limitTicks)
            {
                return false;
            }

            Volatile.Write(ref _nowTicks, Math.Max(_nowTicks, tick));

            // Everything due at this instant is taken under one lock and fired outside it: a tell may reach a system
            // actor that schedules in turn. Items scheduled for this same instant while firing go to the next call.
            while (TryPeekLive(out long next) && next == tick)
            {
                _firing.Add(_due.Dequeue());
            }
        }

        foreach (DueItem item in _firing)
        {
            _firings++;
            item.Fire();
            if (item.IntervalTicks > 0 && item.Cancelable?.IsCancellationRequested != true)
            {
                Add(item, tick + item.IntervalTicks);
            }
        }

        _firing.Clear();
        return true;
    }

    /// <summary>Whether anything not cancelled is still scheduled.</summary>
    public bool HasDueItems
    {
        get
        {
            lock (_gate)
            {
                return TryPeekLive(out _);
            }
        }
    }

    /// <summary>Virtual time in nanoseconds (always a whole number of 100 ns ticks).</summary>
    public long NowNanoseconds => Volatile.Read(ref _nowTicks) * TimeSpan.NanosecondsPerTick;

    /// <summary>
    /// Fires everything due up to <paramref name="ticks"/> in order, then sets the clock to <paramref name="ticks"/>
    /// (unit tests that let virtual time pass with nothing due).
    /// </summary>
    public void AdvanceTo(long ticks)
    {
        while (AdvanceToNextDue(ticks))
        {
        }

        lock (_gate)
        {
            Volatile.Write(ref _nowTicks, Math.Max(_nowTicks, ticks));
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate)
        {
            _due.Clear();
        }
    }

    /// <inheritdoc/>
    protected override void InternalScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable) =>
        Add(new DueItem(cancelable, 0, receiver, message, sender, null), delay);

    /// <inheritdoc/>
    protected override void InternalScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable) =>
        Add(new DueItem(cancelable, interval.Ticks, receiver, message, sender, null), initialDelay);

    /// <inheritdoc/>
    protected override void InternalScheduleOnce(TimeSpan delay, Action action, ICancelable cancelable) =>
        Add(new DueItem(cancelable, 0, null, null, null, new ActionRunnable(action)), delay);

    /// <inheritdoc/>
    protected override void InternalScheduleOnce(TimeSpan delay, IRunnable action, ICancelable cancelable) =>
        Add(new DueItem(cancelable, 0, null, null, null, action), delay);

    /// <inheritdoc/>
    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, Action action, ICancelable cancelable) =>
        Add(new DueItem(cancelable, interval.Ticks, null, null, null, new ActionRunnable(action)), initialDelay);

    /// <inheritdoc/>
    protected override void InternalScheduleRepeatedly(TimeSpan initialDelay, TimeSpan interval, IRunnable action, ICancelable cancelable) =>
        Add(new DueItem(cancelable, interval.Ticks, null, null, null, action), initialDelay);

    private void Add(DueItem item, TimeSpan delay)
    {
        lock (_gate)
        {
            _due.Enqueue(item, (_nowTicks + Math.Max(0, delay.Ticks), _sequence++));
        }
    }

    private void Add(DueItem item, long tick)
    {
        lock (_gate)
        {
            _due.Enqueue(item, (tick, _sequence++));
        }
    }

    // Caller holds the lock.
    private bool TryPeekLive(out long tick)
    {
        while (_due.TryPeek(out DueItem? item, out var key))
        {
            if (item.Cancelable?.IsCancellationRequested != true)
            {
                tick = key.Tick;
                return true;
            }

            _due.Dequeue();
        }

        tick = 0;
        return false;
    }

    private sealed class DueItem(ICancelable? cancelable, long intervalTicks, ICanTell? receiver, object? message, IActorRef? sender, IRunnable? action)
    {
        public ICancelable? Cancelable { get; } = cancelable;

        public long IntervalTicks { get; } = intervalTicks;

        public void Fire()
        {
            if (receiver is not null)
            {
                receiver.Tell(message!, sender ?? ActorRefs.NoSender);
            }
            else
            {
                action!.Run();
            }
        }
    }
}
