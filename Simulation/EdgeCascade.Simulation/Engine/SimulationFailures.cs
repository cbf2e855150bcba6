namespace EdgeCascade.Simulation.Engine;

/// <summary>Where the simulation's root actor records a child's failure for the engine to report.</summary>
internal sealed class SimulationFailures
{
    private Exception? _first;

    /// <summary>The first failure recorded, or null.</summary>
    public Exception? First => Volatile.Read(ref _first);

    /// <summary>Keeps <paramref name="error"/> if it is the first.</summary>
    public void Record(Exception error) => Interlocked.CompareExchange(ref _first, error, null);
}
