namespace EdgeCascade.Cli.Rendering;

/// <summary>One flow of a topology document.</summary>
internal sealed record TopologyFlowEntry(
    string Name,
    string Source,
    string Destination,
    int SourceLevel,
    int TargetLevel,
    double? DeadlineSeconds,
    IReadOnlyList<string> Path);
