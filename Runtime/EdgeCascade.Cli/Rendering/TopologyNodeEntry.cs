namespace EdgeCascade.Cli.Rendering;

/// <summary>One node of a topology document.</summary>
internal sealed record TopologyNodeEntry(
    string Name,
    IReadOnlyList<string> Roles,
    string Gpu,
    double PeakFlopsPerSecond,
    long MemoryBytes,
    double Efficiency,
    int Concurrency,
    int QueueCapacity);
