namespace EdgeCascade.Cli.Benchmarks;

/// <summary>What <c>bench simulate --json</c> prints: simulator throughput and peak memory.</summary>
internal sealed record BenchSimulateResult(
    long Images,
    long Events,
    double WallSeconds,
    double CpuSeconds,
    double ImagesPerSecond,
    double EventsPerSecond,
    long PeakMemoryBytes);
