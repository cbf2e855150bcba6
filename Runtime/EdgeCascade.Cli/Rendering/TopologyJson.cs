using System.Text.Json;
using EdgeCascade.Topologies.Model;

namespace EdgeCascade.Cli.Rendering;

/// <summary>The JSON form of a topology (snake_case keys, units in key names).</summary>
public static class TopologyJson
{
    // Indented, unlike the one-line --json of other commands: this is the document users read and diff.
    private static readonly CliJsonContext s_indented = new(new JsonSerializerOptions(CliJsonContext.Default.Options) { WriteIndented = true });

    public static string Write(TopologyCatalog catalog, TopologySpec topology)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(topology);
        var document = new TopologyDocument(
            topology.Name,
            topology.Description,
            catalog.Family.Id,
            catalog.Family.Levels,
            [.. topology.Nodes.Select(n => new TopologyNodeEntry(
                n.Name,
                [.. Enum.GetValues<NodeRoles>().Where(r => r != NodeRoles.None && n.Roles.HasFlag(r)).Select(r => r.ToString().ToLowerInvariant())],
                n.Gpu.Name, n.Gpu.PeakFlopsPerSecond, n.Gpu.MemoryBytes, n.Gpu.Efficiency, n.Gpu.Concurrency, n.QueueCapacity))],
            [.. topology.Links.Select(l => new TopologyLinkEntry(
                l.From, l.To, l.BandwidthBitsPerSecond, l.Latency.TotalSeconds, l.LossRate, l.Sharing.ToString().ToLowerInvariant()))],
            [.. topology.Flows.Select(f => new TopologyFlowEntry(
                f.Name, f.Source, f.Destination, f.SourceLevel, f.TargetLevel, f.Deadline?.TotalSeconds, f.Path))],
            [.. topology.Scenarios.Select(s => new TopologyScenarioEntry(
                s.Name, s.Arrival.ToString().ToLowerInvariant(), s.RatePerSecond, s.ImageSet, s.ImageCount, s.Duration?.TotalSeconds, s.Seed, s.TraceFile))],
            topology.DefaultScenario);
        return JsonSerializer.Serialize(document, s_indented.TopologyDocument);
    }
}
