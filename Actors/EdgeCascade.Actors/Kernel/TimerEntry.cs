namespace EdgeCascade.Actors.Kernel;

/// <summary>
/// One started timer. The entry itself travels through the owner's mailbox, so the owner can tell
/// on receipt whether it is still the live timer for its key (cancelled or replaced ones are dropped).
/// </summary>
internal sealed class TimerEntry(ActorCell owner, object key, object message, long nextDueNs, long intervalNs)
{
    private static readonly Action<object?> s_fire = static state => ((TimerEntry)state!).Fire();

    // Written by the owner's turn, read by the scheduler's timer thread in real time.
    private volatile bool _cancelled;
    private long _nextDueNs = nextDueNs;

    public object Key { get; } = key;

    public object Message { get; } = message;

    public bool IsPeriodic => intervalNs > 0;

    public bool IsCancelled => _cancelled;

    public void Schedule() => owner.System.Scheduler.ScheduleAt(_nextDueNs, s_fire, this);

    public void Cancel() => _cancelled = true;

    private void Fire()
    {
        if (_cancelled)
        {
            return;
        }

        if (IsPeriodic)
        {
            // Fixed rate: the next due time follows from the previous one, not from when this ran.
            _nextDueNs += intervalNs;
            Schedule();
        }

        owner.EnqueueControl(this);
    }
}
