namespace EdgeCascade.Cli.Rendering;

/// <summary>One scenario of a topology document.</summary>
internal sealed record TopologyScenarioEntry(
    string Name,
    string Arrival,
    double RatePerSecond,
    string Images,
    int? Count,
    double? DurationSeconds,
    long Seed,
    string? Trace);
