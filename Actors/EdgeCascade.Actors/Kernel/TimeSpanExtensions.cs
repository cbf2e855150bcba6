namespace EdgeCascade.Actors.Kernel;

/// <summary>Conversions between <see cref="TimeSpan"/> and the kernel's nanosecond clock values.</summary>
public static class TimeSpanExtensions
{
    /// <summary>Whole nanoseconds in <paramref name="value"/> (a TimeSpan tick is 100 ns).</summary>
    public static long ToNanoseconds(this TimeSpan value) => checked(value.Ticks * TimeSpan.NanosecondsPerTick);

    /// <summary>The TimeSpan nearest below <paramref name="nanoseconds"/> (100 ns resolution).</summary>
    public static TimeSpan NanosecondsToTimeSpan(long nanoseconds) => TimeSpan.FromTicks(nanoseconds / TimeSpan.NanosecondsPerTick);
}
