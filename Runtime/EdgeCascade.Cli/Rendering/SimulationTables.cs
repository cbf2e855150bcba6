using System.Globalization;
using EdgeCascade.Experiments.Reports;
using EdgeCascade.Simulation.Reports;
using Spectre.Console;

namespace EdgeCascade.Cli.Rendering;

/// <summary>The text form of a simulation summary: one table per flows, nodes and links.</summary>
public static class SimulationTables
{
    public static void Write(TextWriter output, SimulationSummary summary, string? outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 140;

        console.WriteLine(Invariant(
            $"{summary.Topology} / {summary.Scenario}: policy {summary.Policy}, {summary.Fidelity} fidelity, seed {summary.Seed}, {summary.ImageWidth}x{summary.ImageHeight} images, model family {summary.ModelFamily}"));
        string partial = summary.Completed ? string.Empty : "; stopped early, partial results";
        console.WriteLine(Invariant(
            $"{summary.Delivered:N0} of {summary.Arrived:N0} images delivered in {summary.SimulatedSeconds:0.###} s simulated ({summary.Events:N0} events){partial}"));
        console.WriteLine();

        var flows = new Table().Title("flows").AddColumns(
            "flow", "policy π", "arrived", "delivered", "dropped", "deadline misses", "p50 (ms)", "p95 (ms)", "p99 (ms)", "bpp", "PSNR (dB)");
        foreach (FlowSummary flow in summary.Flows)
        {
            flows.AddRow(
                Markup.Escape(flow.Name),
                Markup.Escape(flow.PolicyVector) + (flow.Feasible ? string.Empty : " (over budget)"),
                Count(flow.Arrived),
                Count(flow.Delivered),
                Count(flow.Dropped),
                flow.DeadlineSeconds is null ? "-" : Count(flow.DeadlineMisses),
                Milliseconds(flow.LatencyP50Seconds),
                Milliseconds(flow.LatencyP95Seconds),
                Milliseconds(flow.LatencyP99Seconds),
                Number(flow.MeanBpp, "0.0000"),
                Number(flow.MeanPsnrDb, "0.00"));
        }

        console.Write(flows);

        var nodes = new Table().Title("nodes").AddColumns("node", "gpu", "GPU busy %", "peak memory", "max queue", "jobs");
        foreach (NodeSummary node in summary.Nodes)
        {
            nodes.AddRow(
                Markup.Escape(node.Name),
                Markup.Escape(node.Gpu),
                node.GpuBusyPercent.ToString("0.00", CultureInfo.InvariantCulture),
                Units.Bytes(node.PeakMemoryBytes),
                Count(node.MaxQueueLength),
                Count(node.Jobs));
        }

        console.Write(nodes);

        var links = new Table().Title("links").AddColumns("link", "sharing", "utilization %", "bytes", "transfers", "retransmissions");
        foreach (LinkSummary link in summary.Links)
        {
            links.AddRow(
                Markup.Escape(link.Name),
                link.Sharing,
                link.UtilizationPercent.ToString("0.00", CultureInfo.InvariantCulture),
                Units.Bytes(link.Bytes),
                Count(link.Transfers),
                Count(link.Retransmissions));
        }

        console.Write(links);
        if (outputDirectory is not null)
        {
            console.WriteLine($"wrote summary.json, images.csv, nodes.csv, links.csv to {outputDirectory}");
        }
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Milliseconds(double? seconds) => seconds is double value ? (value * 1000).ToString("0.###", CultureInfo.InvariantCulture) : "-";

    private static string Number(double? value, string format) => value is double number ? number.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
