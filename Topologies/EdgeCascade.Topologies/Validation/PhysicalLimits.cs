namespace EdgeCascade.Topologies.Validation;

/// <summary>
/// The ranges of physical quantities a topology may state. The simulator counts virtual time in integer
/// nanoseconds (about 292 years fit in a long); outside these ranges a single transfer or GPU job can take longer
/// than that, or the run makes no visible progress (a 1 µbps link spun forever at time 0). Each bound is far beyond
/// any real device or link, so no realistic topology is refused; reference.conf documents them.
/// </summary>
public static class PhysicalLimits
{
    /// <summary>Slowest link: 1 kbps (LPWAN class); below it one image takes hours per hop.</summary>
    public const double MinBandwidthBitsPerSecond = 1e3;

    /// <summary>Fastest link: 10 Tbps.</summary>
    public const double MaxBandwidthBitsPerSecond = 1e13;

    /// <summary>Longest one-way link latency: 1 hour (geostationary satellite hops are about 0.25 s).</summary>
    public static readonly TimeSpan MaxLatency = TimeSpan.FromHours(1);

    /// <summary>Slowest GPU: 1 GFLOPS peak.</summary>
    public const double MinPeakFlops = 1e9;

    /// <summary>Fastest GPU: 1 EFLOPS peak.</summary>
    public const double MaxPeakFlops = 1e18;

    /// <summary>Lowest sustained fraction of peak: 0.001.</summary>
    public const double MinEfficiency = 1e-3;

    /// <summary>Smallest device memory: 1 MiB.</summary>
    public const long MinMemoryBytes = 1L << 20;

    /// <summary>Largest device memory: 1 PiB.</summary>
    public const long MaxMemoryBytes = 1L << 50;

    /// <summary>Most jobs at once on one device.</summary>
    public const int MaxConcurrency = 1024;

    /// <summary>Longest node queue.</summary>
    public const int MaxQueueCapacity = 1_000_000;

    /// <summary>Lowest arrival rate: one image per 10^6 s (about 11.6 days) per flow.</summary>
    public const double MinRatePerSecond = 1e-6;

    /// <summary>Highest arrival rate: 10^6 images per second per flow (one per microsecond).</summary>
    public const double MaxRatePerSecond = 1e6;

    /// <summary>Longest scenario duration and flow deadline: 365 days.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(365);
}
