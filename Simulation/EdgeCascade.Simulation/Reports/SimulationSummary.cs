namespace EdgeCascade.Simulation.Reports;

/// <summary>
/// The result of one run, as written to summary.json and printed by <c>simulate --json</c>
/// (schema <see cref="SchemaId"/>, documented in Simulation/SCHEMA.md).
/// </summary>
public sealed record SimulationSummary(
    string Topology,
    string Scenario,
    string Policy,
    string Fidelity,
    long Seed,
    string ModelFamily,
    int ImageWidth,
    int ImageHeight,
    bool Completed,
    long SimulatedNs,
    long Events,
    IReadOnlyList<FlowSummary> Flows,
    IReadOnlyList<NodeSummary> Nodes,
    IReadOnlyList<LinkSummary> Links)
{
    /// <summary>Schema id of the summary JSON.</summary>
    public const string SchemaId = "edgecascade.simulation-summary/1";

    /// <summary>Simulated time until the last arrival, delivery or drop, in seconds.</summary>
    public double SimulatedSeconds => SimulatedNs / 1e9;

    /// <summary>Images delivered over all flows.</summary>
    public long Delivered => Flows.Sum(f => f.Delivered);

    /// <summary>Images that arrived over all flows.</summary>
    public long Arrived => Flows.Sum(f => f.Arrived);
}

/// <summary>Per-flow results.</summary>
public sealed record FlowSummary(
    string Name,
    string Source,
    string Destination,
    int SourceLevel,
    int TargetLevel,
    string PolicyVector,
    string Scheduler,
    bool Feasible,
    long Arrived,
    long Delivered,
    long DroppedQueueFull,
    long DroppedMemory,
    long DroppedStageFailed,
    long InFlight,
    double? DeadlineSeconds,
    long DeadlineMisses,
    double? LatencyP50Seconds,
    double? LatencyP95Seconds,
    double? LatencyP99Seconds,
    double? LatencyMeanSeconds,
    double? LatencyMaxSeconds,
    double? MeanBpp,
    double? MeanPsnrDb,
    double? MeanMsSsim,
    IReadOnlyList<HopSummary> Hops)
{
    /// <summary>Images dropped for any reason.</summary>
    public long Dropped => DroppedQueueFull + DroppedMemory + DroppedStageFailed;
}

/// <summary>Per-hop rate of one flow over its delivered images.</summary>
public sealed record HopSummary(string From, string To, int Level, double? MeanBits, double? MeanBpp);

/// <summary>Per-node results.</summary>
public sealed record NodeSummary(
    string Name,
    string Gpu,
    double GpuBusyPercent,
    long PeakMemoryBytes,
    int MaxQueueLength,
    long Jobs,
    double Flops);

/// <summary>Per-link results.</summary>
public sealed record LinkSummary(
    string Name,
    string From,
    string To,
    string Sharing,
    double UtilizationPercent,
    long Bytes,
    long WireBytes,
    long Transfers,
    long Retransmissions);
