using EdgeCascade.Actors.Policies;
using EdgeCascade.Codec.Metrics;
using EdgeCascade.Experiments.Results;

namespace EdgeCascade.Experiments.Runners;

/// <summary>
/// HCF Table 4 ("cross-quality adaptation without retraining", §4.4): the BD-rate of a shorter compression path
/// (source s − 1) against a longer one (source s) to the same target, one set of transforms for every path.
/// Negative BD-rate = the shorter path needs fewer bits (less error accumulation).
/// <para>
/// The paper names each row by a single path ("5→1 vs. 6→1") and states neither the policy nor which points make
/// up a path's R-D curve, so both readings are measured:
/// </para>
/// <list type="bullet">
/// <item><c>curves</c>/<c>comparisons</c>, every level a node (the reading we take): the path s→1 itself is the
/// curve. Every level on it is a node that transmits (π = [1,…,1], the one-level-per-node chain of Table 3's
/// cheng2020_attn setting), so the stream of each level k is decodable and the path yields the points
/// (R(ŷ^k), x̂^k = g_s^k(ŷ^k)) for k = s..1, the per-level outputs Eq. 13 trains; compared over the levels both
/// paths pass (s − 1..1). Each row of the table names one path and a BD-rate needs a curve; "longer spans introduce
/// more cumulative distortion" speaks of roundings along the path, which only this reading has.</item>
/// <item><c>edge_policy</c>: the two-stage edge policy (n_q = 2, the configuration of §4.3 and §4.5), one curve per
/// source s over the target levels d = 1..s − 1, compared over the targets both paths reach. A path s→d gives one
/// R-D point here, so the curve has to be made of several paths, and the longer path rounds only once more finely
/// at its source.</item>
/// </list>
/// </summary>
public static class PathExperiment
{
    public static ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var top = context.Engine.Levels;

        var edgeCurves = new Dictionary<int, List<(int Level, RdMeasurement Point)>>();
        var nodeCurves = new Dictionary<int, List<(int Level, RdMeasurement Point)>>();
        for (var source = top; source >= 3; source--)
        {
            edgeCurves[source] = [.. Enumerable.Range(1, source - 1).Select(target =>
                (target, Measure(context, source, target, QuantizationPolicy.Edge(source, target, 2), "edge")))];

            // The path s→1 with every level transmitting, observed at each node: the level-k point is what the node at
            // level k receives (k = s is the source's own stream, direct coding at s). One pass per image and path.
            var perImage = context.Images.Select(image =>
            {
                context.Report($"paths (every level a node) {source}->1 on {image.Name}");
                return context.Runner.EveryLevel(image.Image, source, 1).Select(run => RdMeasurement.Of(image.Image, run)).ToArray();
            }).ToArray();
            nodeCurves[source] = [.. Enumerable.Range(1, source).Select(level =>
                (level, RdMeasurement.Mean([.. perImage.Select(points => points[source - level])])))];
        }

        var edgeComparisons = Compare(edgeCurves, top, source => source - 2);
        var nodeComparisons = Compare(nodeCurves, top, source => source - 1);

        var body = new PathBody("[1,...,1]", Curves(nodeCurves), nodeComparisons, new PathReading("edge, n_q = 2", Curves(edgeCurves), edgeComparisons));
        var document = ExperimentDocument.Compose(context.Header(ExperimentKind.Paths), body, ExperimentJsonContext.Default.PathBody);
        string[] header = ["paths", "BD-rate PSNR % (cubic)", "BD-rate MS-SSIM % (cubic)", "BD-rate PSNR % (pchip)"];
        return new ExperimentResult(ExperimentKind.Paths, document,
        [
            new ExperimentTable("paths (HCF Table 4), every level a node (π = [1,...,1]), one curve along each path s->1: BD-rate of the shorter path against the longer (negative = shorter is better)",
                header, Rows(nodeComparisons, "1")),
            new ExperimentTable("paths (HCF Table 4), edge policy n_q = 2, one curve over the targets d: BD-rate of the shorter path against the longer (negative = shorter is better)",
                header, Rows(edgeComparisons, "d")),
        ]);
    }

    private static RdMeasurement Measure(ExperimentContext context, int source, int target, QuantizationPolicy policy, string reading) =>
        RdMeasurement.Mean([.. context.Images.Select(image =>
        {
            context.Report($"paths ({reading}) {source}->{target} on {image.Name}");
            return RdMeasurement.Of(image.Image, context.Runner.Hcf(image.Image, source, target, policy.TransmitFlags));
        })]);

    /// <summary>Shorter (source − 1) against longer (source) over the levels up to <paramref name="highestShared"/>(source).</summary>
    private static List<PathComparison> Compare(IReadOnlyDictionary<int, List<(int Level, RdMeasurement Point)>> curves, int top, Func<int, int> highestShared)
    {
        var comparisons = new List<PathComparison>();
        for (var source = top; source > 3; source--)
        {
            var shared = highestShared(source);
            var longer = curves[source].Where(p => p.Level <= shared).ToList();
            var shorter = curves[source - 1].Where(p => p.Level <= shared).ToList();
            comparisons.Add(new PathComparison(source - 1, source, [.. shorter.Select(p => p.Level)], RdCurves.Delta(longer, shorter)));
        }

        return comparisons;
    }

    /// <summary>The curves keyed <c>source_&lt;s&gt;</c>, highest source first.</summary>
    private static Dictionary<string, IReadOnlyList<RdCurvePoint>> Curves(Dictionary<int, List<(int Level, RdMeasurement Point)>> curves) =>
        curves.ToDictionary(c => $"source_{c.Key}", c => (IReadOnlyList<RdCurvePoint>)RdCurves.Points(c.Value), StringComparer.Ordinal);

    private static List<IReadOnlyList<string>> Rows(IEnumerable<PathComparison> comparisons, string target) =>
        [.. comparisons.Select(c => (IReadOnlyList<string>)[$"{c.ShorterSourceLevel}->{target} vs {c.LongerSourceLevel}->{target}",
            RdCurves.Format(c.Delta.BdRatePsnrPercentCubic), RdCurves.Format(c.Delta.BdRateMsSsimPercentCubic),
            RdCurves.Format(c.Delta.BdRatePsnrPercentPchip)])];
}
