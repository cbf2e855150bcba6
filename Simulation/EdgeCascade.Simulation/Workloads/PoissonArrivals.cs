using EdgeCascade.Simulation.Engine;

namespace EdgeCascade.Simulation.Workloads;

/// <summary>
/// A Poisson process: exponential inter-arrival times with mean 1 / rate, drawn from a seeded
/// stream. Times are accumulated in double seconds and rounded to the ns on output.
/// </summary>
public sealed class PoissonArrivals : IArrivalProcess
{
    private readonly DeterministicRandom _random;
    private readonly double _meanSeconds;
    private double _timeSeconds;

    /// <param name="ratePerSecond">Mean arrivals per second, &gt; 0.</param>
    /// <param name="random">The flow's own seeded stream.</param>
    public PoissonArrivals(double ratePerSecond, DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!(ratePerSecond > 0) || !double.IsFinite(ratePerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(ratePerSecond), ratePerSecond, "rate must be positive and finite");
        }

        _random = random;
        _meanSeconds = 1.0 / ratePerSecond;
    }

    /// <inheritdoc/>
    public long? Next()
    {
        _timeSeconds += _random.NextExponential(_meanSeconds);
        return (long)Math.Round(_timeSeconds * 1e9);
    }
}
