using EdgeCascade.Actors.Policies;
using EdgeCascade.Codec.Metrics;
using EdgeCascade.Experiments.Results;

namespace EdgeCascade.Experiments.Runners;

/// <summary>
/// HCF Table 1: every policy of Π(s, d; n_q) for n_q = 2 (s = K, d = K − 4) and n_q = 4 (s = K, d = K − 5), with the
/// mean bpp, PSNR, MS-SSIM and the rate-quality sensitivity index η (Eqs. 14-15; lower is better).
/// </summary>
public static class PolicyExperiment
{
    public static ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var top = context.Engine.Levels;
        var settings = new[] { (NQ: 2, Source: top, Target: Math.Max(1, top - 4)), (NQ: 4, Source: top, Target: Math.Max(1, top - 5)) };
        var rows = new List<PolicyRow>();
        var table = new List<IReadOnlyList<string>>();
        foreach (var (nq, source, target) in settings)
        {
            if (source - target + 1 < nq)
            {
                continue;
            }

            var (minimal, maximal) = Rqsi.ReferencePolicies(source, target);
            var minimalPoint = Measure(context, minimal);
            var maximalPoint = Measure(context, maximal);
            var edge = QuantizationPolicy.Edge(source, target, nq);
            foreach (var policy in PolicySpace.Enumerate(source, target, nq))
            {
                var point = Measure(context, policy);
                var etaPsnr = Eta(point.BitsPerPixel, point.Psnr, minimalPoint.BitsPerPixel, minimalPoint.Psnr, maximalPoint.BitsPerPixel, maximalPoint.Psnr);
                var etaMsSsim = Eta(point.BitsPerPixel, point.MsSsimDb, minimalPoint.BitsPerPixel, minimalPoint.MsSsimDb, maximalPoint.BitsPerPixel, maximalPoint.MsSsimDb);
                var isEdge = policy == edge;
                rows.Add(new PolicyRow(nq, source, target, policy.ToString(), isEdge, point.BitsPerPixel,
                    ExperimentContext.Finite(point.Psnr), ExperimentContext.Finite(point.MsSsimDb),
                    ExperimentContext.Finite(etaPsnr), ExperimentContext.Finite(etaMsSsim)));
                table.Add([nq.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{source}->{target}", policy + (isEdge ? " (edge)" : string.Empty),
                    ExperimentContext.F(point.BitsPerPixel), ExperimentContext.F(point.Psnr, "0.000"), ExperimentContext.F(point.MsSsimDb, "0.000"),
                    ExperimentContext.F(etaPsnr, "0.000"), ExperimentContext.F(etaMsSsim, "0.000")]);
            }
        }

        var document = ExperimentDocument.Compose(context.Header(ExperimentKind.Policies), new PolicyBody(rows), ExperimentJsonContext.Default.PolicyBody);
        return new ExperimentResult(ExperimentKind.Policies, document,
            [new ExperimentTable("policies (HCF Table 1): mean over the images; η lower is better",
                ["n_q", "levels", "policy", "bpp", "PSNR dB", "MS-SSIM dB", "η PSNR", "η MS-SSIM"], table)]);
    }

    // MS-SSIM is undefined below 161 pixels per side; η is then reported as missing, not as a crash.
    private static double Eta(double rate, double quality, double minimalRate, double minimalQuality, double maximalRate, double maximalQuality) =>
        double.IsFinite(quality) && double.IsFinite(minimalQuality) && double.IsFinite(maximalQuality)
            ? Rqsi.Index(new(rate, quality), new(minimalRate, minimalQuality), new(maximalRate, maximalQuality))
            : double.NaN;

    /// <summary>Mean rate and quality of a policy's final level over all images.</summary>
    internal static RdMeasurement Measure(ExperimentContext context, QuantizationPolicy policy)
    {
        var points = new List<RdMeasurement>();
        foreach (var image in context.Images)
        {
            var run = context.Runner.Hcf(image.Image, policy.SourceLevel, policy.TargetLevel, policy.TransmitFlags);
            points.Add(RdMeasurement.Of(image.Image, run));
            context.Report($"policy {policy} on {image.Name}");
        }

        return RdMeasurement.Mean(points);
    }
}
