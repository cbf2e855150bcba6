namespace EdgeCascade.Runtime.Membership;

/// <summary>
/// Phi-accrual failure detector for one monitored node (Hayashibara et al., "The φ Accrual Failure Detector",
/// SRDS 2004). Pure logic: the caller passes "now" (time on any monotonic clock) into every method.
/// </summary>
/// <remarks>
/// The intervals between heartbeats are modelled as a normal distribution with the recent mean and deviation.
/// phi(t) = -log10(P(next heartbeat later than t since the last)): it grows the longer the node is silent, faster
/// when heartbeats have been regular. The normal tail is computed with a logistic approximation, which is accurate to
/// about 1e-4 and cheap.
/// </remarks>
public sealed class PhiAccrualFailureDetector
{
    private readonly FailureDetectorOptions _options;
    private readonly Queue<double> _intervals = new();
    private double _sum;
    private double _sumOfSquares;
    private TimeSpan? _lastHeartbeat;

    public PhiAccrualFailureDetector(FailureDetectorOptions? options = null)
    {
        _options = options ?? new FailureDetectorOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxSampleSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.Threshold, 0);

        // Seed with two intervals around the estimate so the first real ones do not swing the mean wildly.
        double estimate = _options.FirstHeartbeatEstimate.TotalMilliseconds;
        double deviation = estimate / 4;
        AddInterval(estimate - deviation);
        AddInterval(estimate + deviation);
    }

    /// <summary>True once at least one heartbeat was recorded.</summary>
    public bool IsMonitoring => _lastHeartbeat.HasValue;

    /// <summary>When the last heartbeat was recorded, on the caller's clock.</summary>
    public TimeSpan? LastHeartbeat => _lastHeartbeat;

    public double Threshold => _options.Threshold;

    /// <summary>Records a heartbeat that arrived at <paramref name="now"/>.</summary>
    public void Heartbeat(TimeSpan now)
    {
        if (_lastHeartbeat is { } last && now > last)
        {
            AddInterval((now - last).TotalMilliseconds);
        }

        _lastHeartbeat = now;
    }

    /// <summary>The suspicion level at <paramref name="now"/>; 0 before the first heartbeat.</summary>
    public double Phi(TimeSpan now)
    {
        if (_lastHeartbeat is not { } last)
        {
            return 0;
        }

        double sinceLast = Math.Max(0, (now - last).TotalMilliseconds);
        double mean = (_sum / _intervals.Count) + _options.AcceptableHeartbeatPause.TotalMilliseconds;
        double variance = Math.Max(0, (_sumOfSquares / _intervals.Count) - Square(_sum / _intervals.Count));
        double deviation = Math.Max(Math.Sqrt(variance), _options.MinStandardDeviation.TotalMilliseconds);
        return Phi(sinceLast, mean, deviation);
    }

    /// <summary>True while phi stays below the threshold (and before the first heartbeat).</summary>
    public bool IsAvailable(TimeSpan now) => Phi(now) < _options.Threshold;

    internal static double Phi(double sinceLast, double mean, double deviation)
    {
        double y = (sinceLast - mean) / deviation;
        double e = Math.Exp(-y * (1.5976 + (0.070566 * y * y)));

        // Two algebraically equal forms of -log10(1 - CDF(y)); pick the one without cancellation.
        return sinceLast > mean ? -Math.Log10(e / (1.0 + e)) : -Math.Log10(1.0 - (1.0 / (1.0 + e)));
    }

    private void AddInterval(double milliseconds)
    {
        if (_intervals.Count >= _options.MaxSampleSize)
        {
            double dropped = _intervals.Dequeue();
            _sum -= dropped;
            _sumOfSquares -= Square(dropped);
        }

        _intervals.Enqueue(milliseconds);
        _sum += milliseconds;
        _sumOfSquares += Square(milliseconds);
    }

    private static double Square(double value) => value * value;
}
