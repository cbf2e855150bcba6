using System.Globalization;
using System.Text.Json.Nodes;
using EdgeCascade.Experiments.Plots;
using EdgeCascade.Experiments.Runners;

namespace EdgeCascade.Experiments.Reports;

/// <summary>
/// The report section of one compare document: tables rebuilt from the JSON (the document is the record, the
/// printed tables of <c>compare</c> are not stored) and the experiment's plots.
/// </summary>
public static class ReportExperimentSections
{
    public static void Write(ReportHtml html, ReportExperiment experiment)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(experiment);
        var document = experiment.Document;
        var name = experiment.Kind.ToString().ToLowerInvariant();
        html.Section($"compare {name}", experiment.Source);
        var images = document["images"] is JsonArray list ? list.OfType<JsonObject>().ToList() : [];
        html.Note(string.Create(CultureInfo.InvariantCulture,
            $"model family {ReportCells.Text(document["family_id"])}, {ReportCells.Text(document["levels"])} levels, seed {ReportCells.Text(document["seed"])}, " +
            $"{images.Count} images ({string.Join(", ", images.Select(i => $"{ReportCells.Text(i["name"])} {ReportCells.Text(i["width"])}x{ReportCells.Text(i["height"])}"))})"));
        switch (experiment.Kind)
        {
            case ExperimentKind.Policies:
                Policies(html, document["rows"]!.AsArray());
                break;
            case ExperimentKind.Frameworks:
                Curves(html, name, document["curves"]!.AsObject());
                Deltas(html, "BD metrics against HCF edge (positive BD-rate: needs more bits than HCF)", "method",
                    document["bd_vs_hcf"] is JsonObject bd ? bd.Select(p => (p.Key, p.Value as JsonObject)).ToList() : []);
                if (document["not_implemented"] is JsonArray missing && missing.Count > 0)
                {
                    html.Note("not implemented: " + string.Join(", ", missing.Select(ReportCells.Text)));
                }

                break;
            case ExperimentKind.Paths:
                Paths(html, name, document);
                break;
            case ExperimentKind.Complexity:
                Complexity(html, document);
                break;
            case ExperimentKind.Entropy:
                Entropy(html, document["series"]!.AsArray());
                break;
        }

        html.EndSection();
    }

    private static void Policies(ReportHtml html, JsonArray rows)
    {
        var items = rows.OfType<JsonObject>().ToList();
        html.Table("policies (HCF Table 1): mean over the images; η lower is better",
            ["n_q", "levels", "policy", "bpp", "PSNR dB", "MS-SSIM dB", "η PSNR", "η MS-SSIM"],
            items.Select(r => (IReadOnlyList<string>)[
                ReportCells.Text(r["n_q"]), $"{ReportCells.Text(r["source_level"])}->{ReportCells.Text(r["target_level"])}",
                ReportCells.Text(r["policy"]) + (IsEdge(r) ? " (edge)" : string.Empty),
                ReportCells.Number(r["bits_per_pixel"], "0.0000"), ReportCells.Number(r["psnr_db"], "0.000"), ReportCells.Number(r["ms_ssim_db"], "0.000"),
                ReportCells.Number(r["rqsi_psnr"], "0.000"), ReportCells.Number(r["rqsi_ms_ssim"], "0.000")]));
        var groups = items.GroupBy(r => ReportCells.Text(r["n_q"]))
            .Select(g => ($"n_q = {g.Key}", (IReadOnlyList<(string, double, int)>)[.. g.Select(r =>
                (ReportCells.Text(r["policy"]), ReportCells.Number(r["psnr_db"]) ?? double.NaN, IsEdge(r) ? 1 : ReportCharts.Grey))]))
            .ToList();
        if (groups.Count > 0)
        {
            html.Figure(ReportCharts.GroupedBars("policies: PSNR per policy", "PSNR (dB)", groups, [("edge policy", 1), ("other policies", ReportCharts.Grey)], zeroBased: false),
                "Mean PSNR of every policy, grouped by the number of quantizations n_q; the edge policy is highlighted.");
        }
    }

    private static bool IsEdge(JsonObject row) => row["is_edge"] is JsonValue v && v.TryGetValue<bool>(out var edge) && edge;

    private static void Curves(ReportHtml html, string name, JsonObject curves)
    {
        var series = curves.Select(c => (Name: c.Key, Points: c.Value is JsonArray a ? a.OfType<JsonObject>().ToList() : [])).ToList();
        html.Table($"{name}: R-D points (mean over the images)", ["curve", "target level", "bpp", "PSNR dB", "MS-SSIM dB"],
            series.SelectMany(s => s.Points.Select(p => (IReadOnlyList<string>)[
                s.Name, ReportCells.Text(p["target_level"]), ReportCells.Number(p["bits_per_pixel"], "0.0000"),
                ReportCells.Number(p["psnr_db"], "0.000"), ReportCells.Number(p["ms_ssim_db"], "0.000")])));
        foreach (var (key, label) in new[] { ("psnr_db", "PSNR (dB)"), ("ms_ssim_db", "MS-SSIM (dB)") })
        {
            var lines = series.Select(s => (s.Name, Points: s.Points
                    .Where(p => ReportCells.Number(p["bits_per_pixel"]) is not null && ReportCells.Number(p[key]) is not null)
                    .Select(p => (ReportCells.Number(p["bits_per_pixel"])!.Value, ReportCells.Number(p[key])!.Value)).ToList()))
                .Where(s => s.Points.Count > 0).ToList();
            if (lines.Count == 0)
            {
                html.Note($"no {label} values to plot (MS-SSIM needs images of at least 161 pixels per side)");
                continue;
            }

            html.Figure(RdPlot.Svg($"{name}: {label} vs bpp", lines, new RdPlot.Axes("bits per pixel", label)), $"{label} against bits per pixel, one line per curve.");
        }
    }

    /// <summary>
    /// Schema 3 puts the every-level-a-node reading at the top and the edge policy's under <c>edge_policy</c>; schema 2
    /// had the edge reading at the top and the other under <c>every_level_a_node</c> (absent before that: skipped).
    /// </summary>
    private static void Paths(ReportHtml html, string name, JsonObject document)
    {
        const string NodeCaption = "every level a node (π = [1,...,1]), one curve along each path s->1: BD-rate of the shorter path against the longer (negative: shorter is better)";
        const string EdgeCaption = "edge policy n_q = 2, curves over the targets d: BD-rate of the shorter path against the longer (negative: shorter is better)";
        Curves(html, name, document["curves"]!.AsObject());
        var (node, edge) = document["edge_policy"] is JsonObject edgeReading
            ? (document["comparisons"], edgeReading["comparisons"])
            : (document["every_level_a_node"]?["comparisons"], document["comparisons"]);
        PathDeltas(html, NodeCaption, node, "1");
        PathDeltas(html, EdgeCaption, edge, "d");
    }

    private static void PathDeltas(ReportHtml html, string caption, JsonNode? comparisons, string target) =>
        Deltas(html, caption, "paths",
            comparisons is JsonArray list
                ? [.. list.OfType<JsonObject>().Select(c => (
                    $"{ReportCells.Text(c["shorter_source_level"])}->{target} vs {ReportCells.Text(c["longer_source_level"])}->{target}", c["delta"] as JsonObject))]
                : []);

    private static void Deltas(ReportHtml html, string caption, string firstColumn, IReadOnlyList<(string Name, JsonObject? Delta)> deltas)
    {
        var keys = deltas.SelectMany(d => d.Delta?.Select(p => p.Key) ?? []).Distinct().ToList();
        if (keys.Count == 0)
        {
            return;
        }

        html.Table(caption, [firstColumn, .. keys],
            deltas.Select(d => (IReadOnlyList<string>)[d.Name, .. keys.Select(k => ReportCells.Number(d.Delta?[k], "+0.00;-0.00;0.00"))]));
    }

    private static void Complexity(ReportHtml html, JsonObject document)
    {
        var nodes = document["nodes"]!.AsArray().OfType<JsonObject>().ToList();
        html.Table(string.Create(CultureInfo.InvariantCulture,
                $"complexity (HCF Table 3): transform operations per node at {ReportCells.Text(document["padded_width"])}x{ReportCells.Text(document["padded_height"])}, HCF reduction against DRF"),
            ["node", "levels", "GFLOPs HCF", "GFLOPs DRF", "params HCF", "params DRF", "memory HCF", "memory DRF", "time HCF ms", "time DRF ms",
                "FLOPs -%", "params -%", "memory -%", "time -%"],
            nodes.Select(n => (IReadOnlyList<string>)[
                ReportCells.Text(n["node"]), Levels(n),
                ReportCells.Number(n["hcf"]?["flops"], "0.000", 1e-9), ReportCells.Number(n["drf"]?["flops"], "0.000", 1e-9),
                ReportCells.Number(n["hcf"]?["parameters"], "0"), ReportCells.Number(n["drf"]?["parameters"], "0"),
                ReportCells.Bytes(n["hcf"]?["memory_bytes"]), ReportCells.Bytes(n["drf"]?["memory_bytes"]),
                ReportCells.Number(n["hcf"]?["time_seconds"], "0.00", 1e3), ReportCells.Number(n["drf"]?["time_seconds"], "0.00", 1e3),
                ReportCells.Number(n["reduction"]?["flops_percent"], "0.0"), ReportCells.Number(n["reduction"]?["parameters_percent"], "0.0"),
                ReportCells.Number(n["reduction"]?["memory_percent"], "0.0"), ReportCells.Number(n["reduction"]?["time_percent"], "0.0")]));
        if (nodes.Count == 0)
        {
            return;
        }

        var groups = nodes.Select(n => ($"node {ReportCells.Text(n["node"])} ({Levels(n)})", (IReadOnlyList<(string, double, int)>)[
            ("HCF", (ReportCells.Number(n["hcf"]?["flops"]) ?? double.NaN) / 1e9, 0),
            ("DRF", (ReportCells.Number(n["drf"]?["flops"]) ?? double.NaN) / 1e9, 1)])).ToList();
        html.Figure(ReportCharts.GroupedBars("complexity: GFLOPs per node", "GFLOPs", groups, [("HCF (phi inter)", 0), ("DRF (g_s + g_a)", 1)], zeroBased: true),
            "Transform GFLOPs of each node of the five-hop chain, HCF against DRF.");
    }

    private static string Levels(JsonObject node) => $"{ReportCells.Text(node["from_level"])}->{ReportCells.Text(node["to_level"])}";

    private static void Entropy(ReportHtml html, JsonArray series)
    {
        var items = series.OfType<JsonObject>().Select(s => (Policy: ReportCells.Text(s["policy"]),
            Points: s["points"] is JsonArray points ? points.OfType<JsonObject>().ToList() : [])).ToList();
        html.Table("entropy (HCF Fig. 3): KL differential entropy of the latent after each operator",
            ["policy", "step", "operator", "dimension", "samples", "entropy bits", "bits per dimension"],
            items.SelectMany(s => s.Points.Select((p, i) => (IReadOnlyList<string>)[
                s.Policy, i.ToString(CultureInfo.InvariantCulture), ReportCells.Text(p["step"]), ReportCells.Text(p["dimension"]),
                ReportCells.Text(p["samples"]), ReportCells.Number(p["entropy_bits"], "0.00"), ReportCells.Number(p["entropy_bits_per_dimension"], "0.000")])));
        var lines = items.Select(s => (s.Policy, s.Points.Select((p, i) => ((double)i, ReportCells.Number(p["entropy_bits"]) ?? double.NaN)).ToList()))
            .Where(s => s.Item2.Any(p => double.IsFinite(p.Item2))).ToList();
        if (lines.Count == 0)
        {
            html.Note("no entropy values to plot");
            return;
        }

        var steps = lines.Max(l => l.Item2.Count);
        var axes = new RdPlot.Axes("step (operator index, see table)", "entropy (bits per latent vector)")
        {
            XFrom = 0,
            XFormat = "0",
            XTicks = [.. Enumerable.Range(0, steps).Select(i => (double)i)],
        };
        html.Figure(RdPlot.Svg("entropy: latent entropy per step", lines, axes),
            "Differential entropy after each operator, one line per policy; the step names are in the table.");
    }
}
