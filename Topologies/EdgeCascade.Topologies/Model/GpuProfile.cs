namespace EdgeCascade.Topologies.Model;

/// <summary>A node's accelerator budget.</summary>
/// <param name="Name">Profile name as written in the config (e.g. <c>jetson-orin-nano</c>).</param>
/// <param name="PeakFlopsPerSecond">Peak FP32 throughput in FLOP/s.</param>
/// <param name="MemoryBytes">Device memory available to codec jobs.</param>
/// <param name="Efficiency">Fraction of peak a conv-heavy codec job reaches (0..1].</param>
/// <param name="Concurrency">Jobs the device runs at once; further jobs queue.</param>
public sealed record GpuProfile(string Name, double PeakFlopsPerSecond, long MemoryBytes, double Efficiency, int Concurrency)
{
    /// <summary>Sustained FLOP/s a job sees: peak times efficiency.</summary>
    public double EffectiveFlopsPerSecond => PeakFlopsPerSecond * Efficiency;
}
