namespace EdgeCascade.Actors.Kernel;

/// <summary>An actor's timers. Used only on the owner's turn, so the key map needs no lock.</summary>
internal sealed class TimerScheduler(ActorCell owner) : ITimerScheduler
{
    private readonly Dictionary<object, TimerEntry> _timers = [];

    public void StartSingleTimer(object key, object message, TimeSpan delay) => Start(key, message, delay, intervalNs: 0);

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) => StartPeriodicTimer(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        Start(key, message, initialDelay, interval.ToNanoseconds());
    }

    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    public void Cancel(object key)
    {
        if (_timers.Remove(key, out TimerEntry? entry))
        {
            entry.Cancel();
        }
    }

    public void CancelAll()
    {
        foreach (TimerEntry entry in _timers.Values)
        {
            entry.Cancel();
        }

        _timers.Clear();
    }

    /// <summary>
    /// Called when <paramref name="entry"/> reaches the front of the mailbox: true if it is still
    /// the live timer for its key (a single timer is then done).
    /// </summary>
    public bool TryConsume(TimerEntry entry)
    {
        if (entry.IsCancelled || !_timers.TryGetValue(entry.Key, out TimerEntry? live) || !ReferenceEquals(live, entry))
        {
            return false;
        }

        if (!entry.IsPeriodic)
        {
            _timers.Remove(entry.Key);
        }

        return true;
    }

    private void Start(object key, object message, TimeSpan delay, long intervalNs)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        Cancel(key);
        var entry = new TimerEntry(owner, key, message, checked(owner.Clock.Now + delay.ToNanoseconds()), intervalNs);
        _timers[key] = entry;
        entry.Schedule();
    }
}
