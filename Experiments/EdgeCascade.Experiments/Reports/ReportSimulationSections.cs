using System.Text.Json.Nodes;
using EdgeCascade.Experiments.Plots;

namespace EdgeCascade.Experiments.Reports;

/// <summary>The report section of one simulate folder: run, flow, hop, node and link tables and the three plots.</summary>
public static class ReportSimulationSections
{
    public static void Write(ReportHtml html, ReportSimulation simulation)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(simulation);
        var summary = simulation.Summary;
        html.Section($"simulate {ReportCells.Text(summary["topology"])} / {ReportCells.Text(summary["scenario"])} ({ReportCells.Text(summary["policy"])})", simulation.Source);
        html.Table("run", ["key", "value"], new[]
        {
            "topology", "scenario", "policy", "fidelity", "seed", "model_family", "image_width", "image_height", "completed",
            "simulated_seconds", "events", "images_arrived", "images_delivered",
        }.Select(key => (IReadOnlyList<string>)[key, ReportCells.Text(summary[key])]));
        if (ReportCells.Text(summary["completed"]) == "no")
        {
            html.Note("the run was stopped before it finished: the numbers describe the part simulated");
        }

        var flows = summary["flows"]!.AsArray().OfType<JsonObject>().ToList();
        html.Table("flows (latencies in ms)",
            ["flow", "route", "levels", "policy", "scheduler", "feasible", "arrived", "delivered", "dropped", "in flight", "deadline ms", "deadline misses",
                "p50", "p95", "p99", "mean", "max", "bpp", "PSNR dB", "MS-SSIM"],
            flows.Select(f => (IReadOnlyList<string>)[
                ReportCells.Text(f["name"]), $"{ReportCells.Text(f["source"])} -> {ReportCells.Text(f["destination"])}",
                $"{ReportCells.Text(f["source_level"])}->{ReportCells.Text(f["target_level"])}", ReportCells.Text(f["policy_vector"]),
                ReportCells.Text(f["scheduler"]), ReportCells.Text(f["feasible"]), ReportCells.Text(f["arrived"]), ReportCells.Text(f["delivered"]),
                ReportCells.Text(f["dropped"]), ReportCells.Text(f["in_flight"]), Milliseconds(f["deadline_seconds"]), ReportCells.Text(f["deadline_misses"]),
                Milliseconds(f["latency_p50_seconds"]), Milliseconds(f["latency_p95_seconds"]), Milliseconds(f["latency_p99_seconds"]),
                Milliseconds(f["latency_mean_seconds"]), Milliseconds(f["latency_max_seconds"]),
                ReportCells.Number(f["mean_bpp"], "0.0000"), ReportCells.Number(f["mean_psnr_db"], "0.00"), ReportCells.Number(f["mean_ms_ssim"], "0.0000")]));
        html.Table("hops (mean over delivered images)", ["flow", "hop", "level", "mean bits", "mean bpp"],
            flows.SelectMany(f => (f["hops"] as JsonArray ?? []).OfType<JsonObject>().Select(h => (IReadOnlyList<string>)[
                ReportCells.Text(f["name"]), $"{ReportCells.Text(h["from"])} -> {ReportCells.Text(h["to"])}", ReportCells.Text(h["level"]),
                ReportCells.Number(h["mean_bits"], "0"), ReportCells.Number(h["mean_bpp"], "0.0000")])));
        html.Table("nodes", ["node", "gpu", "GPU busy %", "peak memory", "max queue", "jobs", "GFLOPs"],
            summary["nodes"]!.AsArray().OfType<JsonObject>().Select(n => (IReadOnlyList<string>)[
                ReportCells.Text(n["name"]), ReportCells.Text(n["gpu"]), ReportCells.Number(n["gpu_busy_percent"], "0.00"),
                ReportCells.Bytes(n["peak_memory_bytes"]), ReportCells.Text(n["max_queue_length"]), ReportCells.Text(n["jobs"]),
                ReportCells.Number(n["flops"], "0.###", 1e-9)]));
        html.Table("links", ["link", "sharing", "utilization %", "payload", "on the wire", "transfers", "retransmissions"],
            summary["links"]!.AsArray().OfType<JsonObject>().Select(l => (IReadOnlyList<string>)[
                ReportCells.Text(l["name"]), ReportCells.Text(l["sharing"]), ReportCells.Number(l["utilization_percent"], "0.00"),
                ReportCells.Bytes(l["bytes"]), ReportCells.Bytes(l["wire_bytes"]), ReportCells.Text(l["transfers"]), ReportCells.Text(l["retransmissions"])]));

        Plot(html, simulation.LatencyCdf, "images.csv", "latency CDF per flow", "latency (ms)", "fraction of delivered images",
            new RdPlot.Axes("latency (ms)", "fraction of delivered images") { YRange = (0, 1), Markers = false }, scaleX: 1e3,
            "Share of each flow's delivered images with at most the given end-to-end latency.");
        Plot(html, simulation.NodeBusy, "nodes.csv", "GPU busy per node", "time (s)", "GPU busy %",
            new RdPlot.Axes("simulated time (s)", "GPU busy %") { XFrom = 0, YRange = (0, 100), Markers = false }, scaleX: 1,
            "GPU busy share of each node over each sampling interval.");
        Plot(html, simulation.LinkUtilization, "links.csv", "link utilization", "time (s)", "utilization %",
            new RdPlot.Axes("simulated time (s)", "utilization %") { XFrom = 0, YRange = (0, 100), Markers = false }, scaleX: 1,
            "Share of each sampling interval each link spent transmitting.");
        html.EndSection();
    }

    private static void Plot(ReportHtml html, IReadOnlyList<ReportSeries>? series, string file, string title, string xLabel, string yLabel,
        RdPlot.Axes axes, double scaleX, string caption)
    {
        if (series is null)
        {
            html.Note($"{file} not found beside summary.json: no {title} plot");
            return;
        }

        var lines = series.Where(s => s.Points.Count > 0)
            .Select(s => (s.Name, Points: s.Points.Select(p => (p.X * scaleX, p.Y)).ToList())).ToList();
        if (lines.Count == 0)
        {
            html.Note($"{file} has no rows to plot ({xLabel} against {yLabel})");
            return;
        }

        html.Figure(RdPlot.Svg(title, lines, axes), caption);
    }

    private static string Milliseconds(JsonNode? seconds) => ReportCells.Number(seconds, "0.###", 1e3);
}
