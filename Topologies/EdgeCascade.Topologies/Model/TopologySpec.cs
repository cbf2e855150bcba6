namespace EdgeCascade.Topologies.Model;

/// <summary>One named topology: nodes, links, flows and the scenarios that exercise them.</summary>
public sealed record TopologySpec(
    string Name,
    string Description,
    IReadOnlyList<NodeSpec> Nodes,
    IReadOnlyList<LinkSpec> Links,
    IReadOnlyList<FlowSpec> Flows,
    IReadOnlyList<ScenarioSpec> Scenarios,
    string DefaultScenario)
{
    /// <summary>The node called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such node.</exception>
    public NodeSpec Node(string name) =>
        Nodes.FirstOrDefault(n => n.Name == name)
        ?? throw new KeyNotFoundException($"topology '{Name}' has no node '{name}'");

    /// <summary>The link from <paramref name="from"/> to <paramref name="to"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such link.</exception>
    public LinkSpec Link(string from, string to) =>
        Links.FirstOrDefault(l => l.From == from && l.To == to)
        ?? throw new KeyNotFoundException($"topology '{Name}' has no link {from}->{to}");

    /// <summary>The scenario called <paramref name="name"/>, or the default one when null.</summary>
    /// <exception cref="KeyNotFoundException">No such scenario.</exception>
    public ScenarioSpec Scenario(string? name = null)
    {
        var wanted = name ?? DefaultScenario;
        return Scenarios.FirstOrDefault(s => s.Name == wanted)
            ?? throw new KeyNotFoundException(
                $"topology '{Name}' has no scenario '{wanted}'; known: {string.Join(", ", Scenarios.Select(s => s.Name))}");
    }
}
