namespace EdgeCascade.Actors.Kernel;

/// <summary>
/// REAL TIME: reads the wall clock (through System.Diagnostics.Stopwatch) and runs actors on the .NET
/// thread pool. For the runtime only; the simulator and deterministic tests use
/// <see cref="VirtualTimeScheduler"/>.
/// </summary>
/// <remarks>
/// Each actor still processes one message at a time (its cell is queued to the pool only when idle).
/// Timed events are kept in one heap served by a dedicated timer thread with millisecond
/// resolution; their callbacks run on that thread and must be short and non-blocking (a Tell is).
/// </remarks>
public sealed class RealTimeScheduler : IScheduler, IActorDispatcher, IDisposable
{
    private readonly StopwatchClock _clock = new();
    private readonly PriorityQueue<ScheduledEvent, EventKey> _timers = new();
    private readonly object _lock = new();
    private readonly Thread _timerThread;
    private readonly int _throughput;
    private long _nextSequence;
    private bool _disposed;

    /// <summary>Creates a scheduler; <paramref name="throughput"/> is the messages an actor handles per turn.</summary>
    public RealTimeScheduler(int throughput = 32)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(throughput, 1);
        _throughput = throughput;
        _timerThread = new Thread(RunTimers) { IsBackground = true, Name = "EdgeCascade.RealTimeScheduler.Timers" };
        _timerThread.Start();
    }

    /// <inheritdoc />
    public IClock Clock => _clock;

    bool IActorDispatcher.IsSingleThreaded => false;

    int IActorDispatcher.DefaultThroughput => _throughput;

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
        if (timeNs <= _clock.Now)
        {
            // Due already: skip the timer thread so an immediate tell keeps its sender ordering.
            recipient.Tell(message, sender);
            return;
        }

        Enqueue(timeNs, priority, new ScheduledEvent(ScheduledEventKind.Tell, recipient, message, sender));
    }

    void IActorDispatcher.Dispatch(ActorCell cell) => ThreadPool.UnsafeQueueUserWorkItem(cell, preferLocal: false);

    /// <summary>Stops the timer thread; pending timed events are dropped.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _timers.Clear();
            Monitor.PulseAll(_lock);
        }
    }

    private void Enqueue(long timeNs, int priority, ScheduledEvent scheduled)
    {
        if (priority is < EventKey.MinPriority or > EventKey.MaxPriority)
        {
            throw new ArgumentOutOfRangeException(nameof(priority), priority, $"Priority must be within [{EventKey.MinPriority}, {EventKey.MaxPriority}].");
        }

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _timers.Enqueue(scheduled, new EventKey(timeNs, priority, _nextSequence++));
            if (_timers.TryPeek(out _, out EventKey first) && first.Sequence == _nextSequence - 1)
            {
                // The new event is the earliest: wake the timer thread to shorten its wait.
                Monitor.Pulse(_lock);
            }
        }
    }

    private void RunTimers()
    {
        var due = new List<ScheduledEvent>();
        while (true)
        {
            lock (_lock)
            {
                while (!_disposed)
                {
                    long now = _clock.Now;
                    while (_timers.TryPeek(out _, out EventKey key) && key.Time <= now)
                    {
                        due.Add(_timers.Dequeue());
                    }

                    if (due.Count > 0)
                    {
                        break;
                    }

                    int waitMs = _timers.TryPeek(out _, out EventKey next)
                        ? (int)Math.Clamp((next.Time - now + 999_999) / 1_000_000, 1, int.MaxValue)
                        : Timeout.Infinite;
                    Monitor.Wait(_lock, waitMs);
                }

                if (_disposed)
                {
                    return;
                }
            }

            foreach (ScheduledEvent scheduled in due)
            {
                try
                {
                    scheduled.Run();
                }
#pragma warning disable CA1031 // A failing callback must not kill the timer thread for everyone else.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    System.Diagnostics.Trace.TraceError("Scheduled event failed: " + exception);
                }
            }

            due.Clear();
        }
    }
}
