using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeCascade.Topologies.Model;

namespace EdgeCascade.Cli.Rendering;

/// <summary>The JSON form of a topology (snake_case keys, units in key names).</summary>
public static class TopologyJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Write(TopologyCatalog catalog, TopologySpec topology)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(topology);
        var root = new JsonObject
        {
            ["name"] = topology.Name,
            ["description"] = topology.Description,
            ["model_family"] = catalog.Family.Id,
            ["levels"] = catalog.Family.Levels,
            ["nodes"] = new JsonArray([.. topology.Nodes.Select(n => (JsonNode)new JsonObject
            {
                ["name"] = n.Name,
                ["roles"] = new JsonArray([.. Enum.GetValues<NodeRoles>().Where(r => r != NodeRoles.None && n.Roles.HasFlag(r))
                    .Select(r => (JsonNode)JsonValue.Create(r.ToString().ToLowerInvariant()))]),
                ["gpu"] = n.Gpu.Name,
                ["peak_flops_per_second"] = n.Gpu.PeakFlopsPerSecond,
                ["memory_bytes"] = n.Gpu.MemoryBytes,
                ["efficiency"] = n.Gpu.Efficiency,
                ["concurrency"] = n.Gpu.Concurrency,
                ["queue_capacity"] = n.QueueCapacity,
            })]),
            ["links"] = new JsonArray([.. topology.Links.Select(l => (JsonNode)new JsonObject
            {
                ["from"] = l.From,
                ["to"] = l.To,
                ["bandwidth_bps"] = l.BandwidthBitsPerSecond,
                ["latency_seconds"] = l.Latency.TotalSeconds,
                ["loss_rate"] = l.LossRate,
                ["sharing"] = l.Sharing.ToString().ToLowerInvariant(),
            })]),
            ["flows"] = new JsonArray([.. topology.Flows.Select(f => (JsonNode)new JsonObject
            {
                ["name"] = f.Name,
                ["source"] = f.Source,
                ["destination"] = f.Destination,
                ["source_level"] = f.SourceLevel,
                ["target_level"] = f.TargetLevel,
                ["deadline_seconds"] = f.Deadline?.TotalSeconds,
                ["path"] = new JsonArray([.. f.Path.Select(p => (JsonNode)JsonValue.Create(p))]),
            })]),
            ["scenarios"] = new JsonArray([.. topology.Scenarios.Select(s => (JsonNode)new JsonObject
            {
                ["name"] = s.Name,
                ["arrival"] = s.Arrival.ToString().ToLowerInvariant(),
                ["rate_per_second"] = s.RatePerSecond,
                ["images"] = s.ImageSet,
                ["count"] = s.ImageCount,
                ["duration_seconds"] = s.Duration?.TotalSeconds,
                ["seed"] = s.Seed,
                ["trace"] = s.TraceFile,
            })]),
            ["default_scenario"] = topology.DefaultScenario,
        };
        return root.ToJsonString(Indented);
    }
}
