namespace EdgeCascade.Actors.Kernel;

/// <summary>
/// The time source actors see. <see cref="Now"/> is in nanoseconds since the clock started; it is
/// virtual under <see cref="VirtualTimeScheduler"/> and monotonic real time under
/// <see cref="RealTimeScheduler"/>. Actor code reads time only through this interface so the same
/// node actors run unchanged in the simulator and in the runtime.
/// </summary>
public interface IClock
{
    /// <summary>Nanoseconds since the clock started. Never decreases.</summary>
    long Now { get; }
}
