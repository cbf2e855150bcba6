namespace EdgeCascade.Simulation.Workloads;

/// <summary>Arrivals replayed from a trace (see <see cref="TraceFile"/>).</summary>
public sealed class TraceArrivals(IReadOnlyList<long> timesNs) : IArrivalProcess
{
    private readonly IReadOnlyList<long> _timesNs = timesNs ?? throw new ArgumentNullException(nameof(timesNs));
    private int _next;

    /// <inheritdoc/>
    public long? Next() => _next < _timesNs.Count ? _timesNs[_next++] : null;
}
