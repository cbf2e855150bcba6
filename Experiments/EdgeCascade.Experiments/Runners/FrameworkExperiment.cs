using System.Globalization;
using EdgeCascade.Actors.Policies;
using EdgeCascade.Codec.Cascade;
using EdgeCascade.Codec.Metrics;
using EdgeCascade.Experiments.Results;

namespace EdgeCascade.Experiments.Runners;

/// <summary>
/// HCF Table 2 on a two-stage path (source → relay → destination, n_q = 2): R-D curves over the target level d with
/// s = K for HCF (edge policy), DRF, SSF (level d directly), all on the same weights, and the BD metrics of each
/// baseline against HCF (positive BD-rate = needs more bits).
/// DRF is the paper's (HCF §3.1, Fig. 1; Table 3 costs it per node): every node decodes the level it received to pixels
/// and encodes again at the next lower level, so the path s -> d crosses every level, each one rounded and coded.
/// The curve "DRF, one recompression" is the cheaper reading a two-node system also allows (level s on hop 1, decode to
/// pixels, level d on hop 2): two roundings, like HCF's edge policy, so it isolates the pixel round trip itself.
/// PCF (one progressive nested-quantization stream of the level-K latent, DeepHQ's nested quantization at coding time) sends every layer over
/// hop 1 and the relay truncates it: its curve has one point per number of layers kept on hop 2.
/// </summary>
public static class FrameworkExperiment
{
    public static ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var source = context.Engine.Levels;
        var hcf = new List<(int, RdMeasurement)>();
        var drf = new List<(int, RdMeasurement)>();
        var drfOnce = new List<(int, RdMeasurement)>();
        var ssf = new List<(int, RdMeasurement)>();
        for (var target = 1; target < source; target++)
        {
            var policy = QuantizationPolicy.Edge(source, target, 2);
            var hcfPoints = new List<RdMeasurement>();
            var drfPoints = new List<RdMeasurement>();
            var drfOncePoints = new List<RdMeasurement>();
            var everyLevel = Enumerable.Range(target, source - target + 1).Reverse().ToArray();
            var ssfPoints = new List<RdMeasurement>();
            foreach (var image in context.Images)
            {
                hcfPoints.Add(RdMeasurement.Of(image.Image, context.Runner.Hcf(image.Image, source, target, policy.TransmitFlags)));
                drfPoints.Add(RdMeasurement.Of(image.Image, context.Runner.Recompression(image.Image, everyLevel)));
                drfOncePoints.Add(RdMeasurement.Of(image.Image, context.Runner.Recompression(image.Image, [source, target])));
                ssfPoints.Add(RdMeasurement.Of(image.Image, context.Runner.SingleStage(image.Image, target)));
                context.Report($"frameworks d={target} on {image.Name}");
            }

            hcf.Add((target, RdMeasurement.Mean(hcfPoints)));
            drf.Add((target, RdMeasurement.Mean(drfPoints)));
            drfOnce.Add((target, RdMeasurement.Mean(drfOncePoints)));
            ssf.Add((target, RdMeasurement.Mean(ssfPoints)));
        }

        var progressive = new ProgressiveRunner(context.Engine);
        var pcf = new List<(int, RdMeasurement)>();
        for (var layers = 1; layers <= progressive.Layout.Layers; layers++)
        {
            var points = new List<RdMeasurement>();
            foreach (var image in context.Images)
            {
                points.Add(RdMeasurement.Of(image.Image, progressive.Progressive(image.Image, [progressive.Layout.Layers, layers])));
                context.Report($"frameworks pcf {layers} layers on {image.Name}");
            }

            pcf.Add((layers, RdMeasurement.Mean(points)));
        }

        var drfDelta = RdCurves.Delta(hcf, drf);
        var drfOnceDelta = RdCurves.Delta(hcf, drfOnce);
        var ssfDelta = RdCurves.Delta(hcf, ssf);
        var pcfDelta = RdCurves.Delta(hcf, pcf);
        var body = new FrameworkBody(source, NQ: 2,
            new FrameworkCurves(RdCurves.Points(hcf), RdCurves.Points(drf), RdCurves.Points(drfOnce), RdCurves.Points(ssf), RdCurves.Points(pcf)),
            [.. progressive.Layout.Steps],
            new FrameworkDeltas(drfDelta, drfOnceDelta, ssfDelta, pcfDelta));
        var document = ExperimentDocument.Compose(context.Header(ExperimentKind.Frameworks), body, ExperimentJsonContext.Default.FrameworkBody);

        var curveRows = new List<IReadOnlyList<string>>();
        for (var i = 0; i < hcf.Count; i++)
        {
            curveRows.Add([$"{source}->{hcf[i].Item1}",
                Cell(hcf[i].Item2), Cell(drf[i].Item2), Cell(drfOnce[i].Item2), Cell(ssf[i].Item2)]);
        }

        var deltaRows = new List<IReadOnlyList<string>>
        {
            Row("DRF (every level a node)", drfDelta),
            Row("DRF, one recompression", drfOnceDelta),
            Row("PCF (progressive)", pcfDelta),
            Row("SSF (bound)", ssfDelta),
        };
        return new ExperimentResult(ExperimentKind.Frameworks, document,
        [
            new ExperimentTable("frameworks: mean bpp / PSNR dB per target level (HCF edge n_q = 2; DRF re-encodes at every level)", ["levels", "HCF edge", "DRF", "DRF, one recompression", "SSF"], curveRows),
            new ExperimentTable("BD metrics against HCF edge (positive BD-rate: needs more bits than HCF)",
                ["method", "BD-rate PSNR % (cubic)", "BD-PSNR dB (cubic)", "BD-rate PSNR % (pchip)", "BD-rate MS-SSIM % (cubic)"], deltaRows),
        ]);
    }

    private static string Cell(RdMeasurement point) =>
        string.Create(CultureInfo.InvariantCulture, $"{point.BitsPerPixel:0.0000} / {point.Psnr:0.00}");

    private static List<string> Row(string name, BjontegaardDeltas delta) =>
    [
        name,
        RdCurves.Format(delta.BdRatePsnrPercentCubic),
        RdCurves.Format(delta.BdPsnrDbCubic),
        RdCurves.Format(delta.BdRatePsnrPercentPchip),
        RdCurves.Format(delta.BdRateMsSsimPercentCubic),
    ];
}
