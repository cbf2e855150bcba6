using System.Globalization;
using EdgeCascade.Codec.Layers;
using EdgeCascade.Codec.Models;
using EdgeCascade.Codec.Tensors;
using EdgeCascade.Experiments.Results;

namespace EdgeCascade.Experiments.Runners;

/// <summary>
/// HCF Table 3 on a five-hop chain that drops one level per hop (K → K−5): the transform operations of each node,
/// HCF's φ^inter_{k→k−1} against DRF's g_s^k + g_a^{k−1} (decode to pixels and encode again), as FLOPs, parameters,
/// memory (peak activations + weights, float32) and measured time, with HCF's reduction in percent.
/// Costs are for the first image's padded size; times are means over all images.
/// </summary>
public static class ComplexityExperiment
{
    public static ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var engine = context.Engine;
        var family = engine.Family;
        var first = context.Images[0].Image;
        var geometry = engine.GeometryFor(first.Height, first.Width);
        var image = new TensorShape(1, 3, geometry.PaddedHeight, geometry.PaddedWidth);
        var nodes = new List<ComplexityNode>();
        var rows = new List<IReadOnlyList<string>>();
        var top = engine.Levels;
        for (var node = 1; node <= Math.Min(5, top - 1); node++)
        {
            var from = top - node + 1;
            var to = from - 1;
            var latent = new TensorShape(1, family.Card.LatentChannels(from), geometry.PaddedHeight / ModelArchitecture.LatentStride, geometry.PaddedWidth / ModelArchitecture.LatentStride);
            var phi = family.GetTransform(PhiType.Inter, from);
            var hcf = phi.Cost(latent);
            var synthesis = family.GetLevel(from).Synthesis.Cost(latent);
            var analysis = family.GetLevel(to).Analysis.Cost(image);
            var drf = new LayerCost(synthesis.Flops + analysis.Flops, synthesis.Parameters + analysis.Parameters,
                Math.Max(synthesis.PeakActivationBytes, analysis.PeakActivationBytes));
            var (hcfSeconds, drfSeconds) = Time(context, from, to);
            var reduction = new ComplexityReduction(
                Reduction(hcf.Flops, drf.Flops),
                Reduction(hcf.Parameters, drf.Parameters),
                Reduction(Memory(hcf), Memory(drf)),
                hcfSeconds is { } h && drfSeconds is { } d ? Reduction(h, d) : null);
            nodes.Add(new ComplexityNode(node, from, to, Costs(hcf, hcfSeconds), Costs(drf, drfSeconds), reduction));
            rows.Add([
                node.ToString(CultureInfo.InvariantCulture), $"{from}->{to}",
                Giga(hcf.Flops) + " / " + Giga(drf.Flops),
                Percent(reduction.FlopsPercent), Percent(reduction.ParametersPercent),
                Percent(reduction.MemoryPercent), Percent(reduction.TimePercent),
            ]);
        }

        var document = ExperimentDocument.Compose(context.Header(ExperimentKind.Complexity),
            new ComplexityBody(geometry.PaddedHeight, geometry.PaddedWidth, nodes), ExperimentJsonContext.Default.ComplexityBody);
        return new ExperimentResult(ExperimentKind.Complexity, document,
            [new ExperimentTable(
                $"complexity (HCF Table 3): transform operations per node at {geometry.PaddedWidth}x{geometry.PaddedHeight}, HCF reduction against DRF",
                ["node", "levels", "GFLOPs HCF / DRF", "FLOPs -%", "params -%", "memory -%", "time -%"], rows)]);
    }

    private static (double? Hcf, double? Drf) Time(ExperimentContext context, int from, int to)
    {
        if (context.Timer is not { } timer)
        {
            return (null, null);
        }

        double hcf = 0, drf = 0;
        foreach (var item in context.Images)
        {
            var latent = context.Engine.Analyze(item.Image, from, out var geometry);
            var quantized = context.Engine.Encode(latent, from, geometry).QuantizedLatent;
            var start = timer();
            context.Engine.Inter(quantized, from);
            var middle = timer();
            var pixels = context.Engine.Synthesize(quantized, from, geometry);
            context.Engine.Analyze(pixels, to, out _);
            var end = timer();
            hcf += middle - start;
            drf += end - middle;
            context.Report($"complexity {from}->{to} on {item.Name}");
        }

        return (hcf / context.Images.Count, drf / context.Images.Count);
    }

    private static ComplexityCosts Costs(LayerCost cost, double? seconds) => new(cost.Flops, cost.Parameters, Memory(cost), seconds);

    private static long Memory(LayerCost cost) => cost.PeakActivationBytes + (cost.Parameters * sizeof(float));

    private static double Reduction(double hcf, double drf) => drf <= 0 ? 0 : 100.0 * (1 - (hcf / drf));

    private static string Giga(long flops) => (flops / 1e9).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Percent(double? value) =>
        value is { } number ? number.ToString("0.0", CultureInfo.InvariantCulture) : "n/a";
}
