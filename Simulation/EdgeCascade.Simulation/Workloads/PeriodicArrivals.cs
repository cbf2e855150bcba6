namespace EdgeCascade.Simulation.Workloads;

/// <summary>Evenly spaced arrivals: the k-th (from 0) at offset + k / rate, rounded to the ns.</summary>
/// <remarks>Each time is computed from k, not accumulated, so rounding never drifts.</remarks>
public sealed class PeriodicArrivals : IArrivalProcess
{
    private readonly double _periodNs;
    private readonly long _offsetNs;
    private long _index;

    /// <param name="ratePerSecond">Arrivals per second, &gt; 0.</param>
    /// <param name="offsetNs">Time of the first arrival.</param>
    public PeriodicArrivals(double ratePerSecond, long offsetNs = 0)
    {
        if (!(ratePerSecond > 0) || !double.IsFinite(ratePerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(ratePerSecond), ratePerSecond, "rate must be positive and finite");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(offsetNs);
        _periodNs = 1e9 / ratePerSecond;
        _offsetNs = offsetNs;
    }

    /// <inheritdoc/>
    public long? Next() => _offsetNs + (long)Math.Round(_index++ * _periodNs);
}
