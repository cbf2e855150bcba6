namespace EdgeCascade.Simulation.Workloads;

/// <summary>The arrival times of one flow's images, in order.</summary>
public interface IArrivalProcess
{
    /// <summary>The next arrival time in ns, or null when the process has no more arrivals.</summary>
    long? Next();
}
