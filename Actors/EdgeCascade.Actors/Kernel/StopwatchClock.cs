using System.Diagnostics;

namespace EdgeCascade.Actors.Kernel;

/// <summary>
/// WALL-CLOCK TIME SOURCE: monotonic real time from <see cref="Stopwatch"/>. Used only by
/// <see cref="RealTimeScheduler"/>, i.e. only by the runtime; never by simulation code paths.
/// </summary>
internal sealed class StopwatchClock : IClock
{
    private static readonly double s_nanosecondsPerTick = 1e9 / Stopwatch.Frequency;
    private readonly long _start = Stopwatch.GetTimestamp();

    public long Now => (long)((Stopwatch.GetTimestamp() - _start) * s_nanosecondsPerTick);
}
