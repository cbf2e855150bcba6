namespace EdgeCascade.Cli.Rendering;

/// <summary>What <c>topology show --json</c> prints: one topology with units in the key names.</summary>
internal sealed record TopologyDocument(
    string Name,
    string Description,
    string ModelFamily,
    int Levels,
    IReadOnlyList<TopologyNodeEntry> Nodes,
    IReadOnlyList<TopologyLinkEntry> Links,
    IReadOnlyList<TopologyFlowEntry> Flows,
    IReadOnlyList<TopologyScenarioEntry> Scenarios,
    string DefaultScenario);
