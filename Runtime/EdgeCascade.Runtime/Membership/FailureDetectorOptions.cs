namespace EdgeCascade.Runtime.Membership;

/// <summary>Tuning of <see cref="PhiAccrualFailureDetector"/>; the defaults suit 1 s heartbeats on a LAN or WAN.</summary>
public sealed class FailureDetectorOptions
{
    /// <summary>Suspicion level above which a node counts as down. 8 means roughly a 1e-8 chance of a false alarm under the model.</summary>
    public double Threshold { get; init; } = 8.0;

    /// <summary>How many recent heartbeat intervals the mean and deviation are computed over.</summary>
    public int MaxSampleSize { get; init; } = 200;

    /// <summary>Floor of the standard deviation, so perfectly regular heartbeats do not make the detector twitchy.</summary>
    public TimeSpan MinStandardDeviation { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Extra silence tolerated on top of the usual interval (GC pauses, broker hiccups).</summary>
    public TimeSpan AcceptableHeartbeatPause { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Interval assumed before any has been measured: normally the heartbeat interval.</summary>
    public TimeSpan FirstHeartbeatEstimate { get; init; } = TimeSpan.FromSeconds(1);
}
