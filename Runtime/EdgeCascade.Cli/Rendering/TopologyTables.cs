using System.Globalization;
using EdgeCascade.Experiments.Reports;
using EdgeCascade.Topologies.Model;
using Spectre.Console;

namespace EdgeCascade.Cli.Rendering;

/// <summary>The text form of <c>topology show</c>: a tree of the flows' paths and one table per element kind.</summary>
public static class TopologyTables
{
    public static void Write(TextWriter output, TopologyCatalog catalog, TopologySpec topology)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(topology);
        var console = PlainConsole.Create(output, 120);

        console.WriteLine($"{topology.Name}: {topology.Description}");
        console.WriteLine($"model family {catalog.Family.Id}, levels 1..{catalog.Family.Levels}");
        console.WriteLine();

        var nodes = new Table().Title("nodes").AddColumns("node", "roles", "gpu", "peak", "efficiency", "memory", "concurrency", "queue");
        foreach (var node in topology.Nodes)
        {
            nodes.AddRow(node.Name, node.Roles.ToString().ToLowerInvariant(), node.Gpu.Name, Units.Flops(node.Gpu.PeakFlopsPerSecond),
                node.Gpu.Efficiency.ToString("0.##", CultureInfo.InvariantCulture), Units.Bytes(node.Gpu.MemoryBytes),
                node.Gpu.Concurrency.ToString(CultureInfo.InvariantCulture), node.QueueCapacity.ToString(CultureInfo.InvariantCulture));
        }

        console.Write(nodes);

        var links = new Table().Title("links").AddColumns("link", "bandwidth", "latency", "loss", "sharing");
        foreach (var link in topology.Links)
        {
            links.AddRow(Markup.Escape(link.Name), Units.Bandwidth(link.BandwidthBitsPerSecond), Units.Duration(link.Latency),
                link.LossRate.ToString("0.####", CultureInfo.InvariantCulture), link.Sharing.ToString().ToLowerInvariant());
        }

        console.Write(links);

        var flows = new Table().Title("flows").AddColumns("flow", "path", "levels", "deadline");
        foreach (var flow in topology.Flows)
        {
            flows.AddRow(flow.Name, Markup.Escape(string.Join(" -> ", flow.Path)), $"{flow.SourceLevel} -> {flow.TargetLevel}",
                flow.Deadline is { } deadline ? Units.Duration(deadline) : "-");
        }

        console.Write(flows);

        var scenarios = new Table().Title("scenarios").AddColumns("scenario", "arrival", "rate (img/s)", "images", "count", "duration", "seed");
        foreach (var scenario in topology.Scenarios)
        {
            var name = scenario.Name == topology.DefaultScenario ? scenario.Name + " (default)" : scenario.Name;
            scenarios.AddRow(Markup.Escape(name), scenario.Arrival.ToString().ToLowerInvariant(),
                scenario.RatePerSecond.ToString("0.###", CultureInfo.InvariantCulture), Markup.Escape(scenario.ImageSet),
                scenario.ImageCount?.ToString(CultureInfo.InvariantCulture) ?? "-",
                scenario.Duration is { } duration ? Units.Duration(duration) : "-", scenario.Seed.ToString(CultureInfo.InvariantCulture));
        }

        console.Write(scenarios);
    }
}
