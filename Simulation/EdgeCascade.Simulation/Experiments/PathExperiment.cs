using System.Text.Json.Nodes;
using EdgeCascade.Actors.Policies;

namespace EdgeCascade.Simulation.Experiments;

/// <summary>
/// HCF Table 4: curves over the target level d for each source level s (two-stage edge policy), and the BD-rate of
/// the shorter path (source s − 1) against the longer one (source s) over the target levels they share.
/// Negative BD-rate = the shorter path needs fewer bits (less error accumulation).
/// </summary>
public static class PathExperiment
{
    public static ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var top = context.Engine.Levels;
        var curves = new Dictionary<int, List<(int Level, RdMeasurement Point)>>();
        for (var source = top; source >= 3; source--)
        {
            var curve = new List<(int, RdMeasurement)>();
            for (var target = 1; target < source; target++)
            {
                var policy = QuantizationPolicy.Edge(source, target, 2);
                var points = context.Images.Select(image =>
                {
                    context.Report($"paths {source}->{target} on {image.Name}");
                    return RdMeasurement.Of(image.Image, context.Runner.Hcf(image.Image, source, target, policy.TransmitFlags));
                }).ToList();
                curve.Add((target, RdMeasurement.Mean(points)));
            }

            curves[source] = curve;
        }

        var comparisons = new JsonArray();
        var rows = new List<IReadOnlyList<string>>();
        for (var source = top; source > 3; source--)
        {
            var longer = curves[source].Where(p => p.Level < source - 1).ToList();
            var shorter = curves[source - 1];
            var delta = RdCurves.Delta(longer, shorter);
            comparisons.Add(new JsonObject
            {
                ["shorter_source_level"] = source - 1,
                ["longer_source_level"] = source,
                ["target_levels"] = new JsonArray([.. shorter.Select(p => (JsonNode)JsonValue.Create(p.Level))]),
                ["delta"] = delta,
            });
            rows.Add([$"{source - 1}->d vs {source}->d", RdCurves.Format(delta, "bd_rate_psnr_percent_cubic"),
                RdCurves.Format(delta, "bd_rate_ms_ssim_percent_cubic"), RdCurves.Format(delta, "bd_rate_psnr_percent_pchip")]);
        }

        var document = context.Header(ExperimentKind.Paths);
        document["curves"] = new JsonObject([.. curves.Select(c => KeyValuePair.Create($"source_{c.Key}", (JsonNode?)RdCurves.ToJson(c.Value)))]);
        document["comparisons"] = comparisons;
        return new ExperimentResult(ExperimentKind.Paths, document,
            [new ExperimentTable("paths (HCF Table 4): BD-rate of the shorter path against the longer (negative = shorter is better)",
                ["paths", "BD-rate PSNR % (cubic)", "BD-rate MS-SSIM % (cubic)", "BD-rate PSNR % (pchip)"], rows)]);
    }
}
