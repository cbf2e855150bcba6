namespace EdgeCascade.Topologies.Model;

/// <summary>How images arrive at the sources of a scenario.</summary>
public enum ArrivalProcess
{
    /// <summary>Evenly spaced, one every 1/rate seconds.</summary>
    Periodic,

    /// <summary>Exponential inter-arrival times with mean 1/rate (seeded).</summary>
    Poisson,

    /// <summary>Arrival times read from a trace file.</summary>
    Trace,
}
