using Akka.Actor;

namespace EdgeCascade.Actors.Timing;

/// <summary>
/// Integer-nanosecond time on an Akka <see cref="IScheduler"/>, the only clock node actors read.
/// </summary>
/// <remarks>
/// Akka's schedulers speak <see cref="TimeSpan"/>, whose resolution is one tick (100 ns). Budgets and
/// reports count nanoseconds, so time is read as ticks x 100 and delays are rounded up to whole ticks:
/// a timer never fires before the nanosecond it was meant for. Under the simulator's virtual clock every
/// instant is therefore a multiple of 100 ns.
/// </remarks>
public static class SchedulerTime
{
    /// <summary>The scheduler's monotonic clock in nanoseconds (virtual time in the simulator).</summary>
    public static long NowNanoseconds(this IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        return scheduler.MonotonicClock.Ticks * TimeSpan.NanosecondsPerTick;
    }

    /// <summary>Whole nanoseconds in <paramref name="value"/> (a tick is 100 ns).</summary>
    public static long ToNanoseconds(this TimeSpan value) => checked(value.Ticks * TimeSpan.NanosecondsPerTick);

    /// <summary>The delay from <paramref name="nowNs"/> to <paramref name="dueNs"/>, rounded up to whole ticks (zero if already due).</summary>
    public static TimeSpan DelayUntil(long dueNs, long nowNs)
    {
        long remaining = dueNs - nowNs;
        return remaining <= 0 ? TimeSpan.Zero : TimeSpan.FromTicks((remaining + TimeSpan.NanosecondsPerTick - 1) / TimeSpan.NanosecondsPerTick);
    }
}
