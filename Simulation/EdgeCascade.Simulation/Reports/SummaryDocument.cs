namespace EdgeCascade.Simulation.Reports;

/// <summary>summary.json as written: the keys of Simulation/SCHEMA.md in their order.</summary>
internal sealed record SummaryDocument(
    string Schema,
    string Topology,
    string Scenario,
    string Policy,
    string Fidelity,
    long Seed,
    string ModelFamily,
    int ImageWidth,
    int ImageHeight,
    bool Completed,
    double SimulatedSeconds,
    long Events,
    long ImagesArrived,
    long ImagesDelivered,
    IReadOnlyList<SummaryFlowEntry> Flows,
    IReadOnlyList<NodeSummary> Nodes,
    IReadOnlyList<LinkSummary> Links);
