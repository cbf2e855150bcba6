using System.Globalization;
using System.Text;
using EdgeCascade.Experiments.Reports;
using EdgeCascade.Topologies.Model;

namespace EdgeCascade.Cli.Rendering;

/// <summary>Graphviz DOT for a topology: nodes labelled with role and GPU, edges with bandwidth and latency.</summary>
public static class TopologyDot
{
    public static string Write(TopologySpec topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var dot = new StringBuilder();
        dot.Append(CultureInfo.InvariantCulture, $"digraph \"{Escape(topology.Name)}\" {{\n");
        dot.Append("  rankdir=LR;\n  node [shape=box, style=rounded];\n");
        foreach (var node in topology.Nodes)
        {
            var shape = node.Roles.HasFlag(NodeRoles.Source) ? "invhouse" : node.Roles.HasFlag(NodeRoles.Sink) ? "house" : "box";
            dot.Append(CultureInfo.InvariantCulture,
                $"  \"{Escape(node.Name)}\" [shape={shape}, label=\"{Escape(node.Name)}\\n{Escape(node.Gpu.Name)} {Units.Flops(node.Gpu.PeakFlopsPerSecond)}\"];\n");
        }

        foreach (var link in topology.Links)
        {
            dot.Append(CultureInfo.InvariantCulture,
                $"  \"{Escape(link.From)}\" -> \"{Escape(link.To)}\" [label=\"{Units.Bandwidth(link.BandwidthBitsPerSecond)}\\n{Units.Duration(link.Latency)}\"];\n");
        }

        dot.Append("}\n");
        return dot.ToString();
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
