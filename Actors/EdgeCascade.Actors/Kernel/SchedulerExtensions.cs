namespace EdgeCascade.Actors.Kernel;

/// <summary>Relative-time conveniences over <see cref="IScheduler"/>.</summary>
public static class SchedulerExtensions
{
    /// <summary>Tells <paramref name="message"/> to <paramref name="recipient"/> after <paramref name="delay"/>.</summary>
    public static void ScheduleTellAfter(this IScheduler scheduler, TimeSpan delay, IActorRef recipient, object message, IActorRef? sender = null, int priority = 0)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        scheduler.ScheduleTellAt(checked(scheduler.Clock.Now + delay.ToNanoseconds()), recipient, message, sender, priority);
    }

    /// <summary>Runs <paramref name="action"/> after <paramref name="delay"/>.</summary>
    public static void ScheduleAfter(this IScheduler scheduler, TimeSpan delay, Action action, int priority = 0)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        scheduler.ScheduleAt(checked(scheduler.Clock.Now + delay.ToNanoseconds()), action, priority);
    }
}
