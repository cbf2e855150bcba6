using EdgeCascade.Codec.Bitstreams;
using EdgeCascade.Codec.Entropy;
using EdgeCascade.Codec.Models;
using EdgeCascade.Codec.RangeCoding;
using EdgeCascade.Codec.Tensors;

namespace EdgeCascade.Codec.Cascade;

/// <summary>
/// PCF baseline (HCF §3.1): a progressive, nested-quantization bitstream of one level's latent, coded once at
/// the source and truncated per hop. Implemented from the description of DeepHQ's hierarchical quantization in
/// DeepHQ's nested quantization at coding time only (no learned steps, importance masks or boundary rule; the steps are a fixed
/// <see cref="ProgressiveLayout"/>).
/// </summary>
/// <remarks>
/// <code>
///  latent ─ h_a ─ round(·−median) ─► hyper stream            (as LatentCoder; h_s gives scales σ and means μ)
///  q = round(latent − μ)      (the level's own symbols)
///  layer 0:  j = cell of q at step Δ_0   ─ Gaussian table of σ/Δ_0 ─► stream 0      interval = cell j
///  layer l:  child cell of q at step Δ_l inside the interval ─ Gaussian mass of each child / parent ─► stream l
///  decoder:  interval after the received layers ─ conditional mean (or midpoint) + μ ─ g_s
/// </code>
/// With every layer the decoder has q exactly, so the full stream decodes to the same ŷ as the level's
/// <see cref="LatentCoder"/>; with the single layout [1], stream 0 is byte-identical to LatentCoder's main stream.
/// </remarks>
public sealed class ProgressiveCoder
{
    private readonly LevelModel _model;
    private readonly string _familyId;
    private readonly HyperLatentCoder _hyper;
    private readonly GaussianConditionalTables _gaussian;

    public ProgressiveCoder(LevelModel model, string familyId, ProgressiveLayout layout)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(familyId);
        ArgumentNullException.ThrowIfNull(layout);
        _model = model;
        _familyId = familyId;
        Layout = layout;
        _hyper = new HyperLatentCoder(model);
        _gaussian = HyperpriorLayout.GaussianTables(model);
    }

    public int Level => _model.Level;

    public ProgressiveLayout Layout { get; }

    /// <summary>Codes every layer of <paramref name="latent"/> (the source's one encode).</summary>
    public ProgressiveEncoding Encode(Tensor latent, ImageGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(latent);
        if (latent.C != _model.LatentChannels)
        {
            throw new ArgumentException($"level {Level} codes {_model.LatentChannels}-channel latents, got {latent.Shape}", nameof(latent));
        }

        QuantizedHyperLatent hyper = _hyper.Quantize(latent);
        byte[] hyperStream = _hyper.Encode(hyper);
        Tensor decodedHyper = hyper.Decoded;

        (Tensor scales, Tensor means) = _model.EntropyParameters(decodedHyper);
        int count = latent.Length;
        var scaleIndexes = new int[count];
        _gaussian.BuildIndexes(scales.Span, scaleIndexes);
        var symbols = new int[count];
        var quantized = new Tensor(latent.Shape);
        ReadOnlySpan<float> values = latent.Span;
        ReadOnlySpan<float> meanValues = means.Span;
        Span<float> output = quantized.Span;
        for (int i = 0; i < count; i++)
        {
            // Exactly LatentCoder's rounding, so the finest layer is the level's own ŷ.
            int symbol = (int)MathF.Round(values[i] - meanValues[i], MidpointRounding.ToEven);
            symbols[i] = symbol;
            output[i] = symbol + meanValues[i];
        }

        var encoder = new RansEncoder();
        var layers = new List<ReadOnlyMemory<byte>>(Layout.Layers);
        var lower = new long[count];
        var upper = new long[count];
        int coarse = Layout.Step(0);
        var cells = new int[count];
        for (int i = 0; i < count; i++)
        {
            long cell = ProgressiveIntervals.Cell(symbols[i], coarse);
            cells[i] = (int)cell;
            SetCoarseInterval(lower, upper, i, cell, coarse);
        }

        encoder.EncodeWithIndexes(cells, CoarseIndexes(scales.Span, coarse), _gaussian.Cdfs);
        layers.Add(encoder.Flush());

        for (int layer = 1; layer < Layout.Layers; layer++)
        {
            int step = Layout.Step(layer);
            ProgressiveRefinementPlan plan = ProgressiveIntervals.Plan(lower, upper, scaleIndexes, _gaussian.ScaleTable, step);
            var children = new int[plan.Elements.Length];
            for (int k = 0; k < children.Length; k++)
            {
                int e = plan.Elements[k];
                children[k] = (int)(ProgressiveIntervals.Cell(symbols[e], step) - ProgressiveIntervals.Cell(lower[e], step));
            }

            if (plan.Table is not null)
            {
                encoder.EncodeWithIndexes(children, plan.Indexes, plan.Table);
            }

            layers.Add(encoder.Flush());
            for (int k = 0; k < children.Length; k++)
            {
                ProgressiveIntervals.Narrow(lower, upper, plan.Elements[k], children[k], step);
            }

            // Elements with a single child narrow too (to the cell's intersection with their interval).
            for (int e = 0; e < count; e++)
            {
                if (ProgressiveIntervals.Cell(lower[e], step) == ProgressiveIntervals.Cell(upper[e], step))
                {
                    ProgressiveIntervals.Narrow(lower, upper, e, 0, step);
                }
            }
        }

        System.Diagnostics.Debug.Assert(Enumerable.Range(0, count).All(i => lower[i] == symbols[i] && upper[i] == symbols[i]), "all layers must pin every symbol");
        var stream = new ProgressiveStream(
            _familyId, Level, new LatentShape(latent.C, latent.H, latent.W), new LatentShape(decodedHyper.C, decodedHyper.H, decodedHyper.W),
            geometry, Layout, hyperStream, layers);
        return new ProgressiveEncoding(stream, quantized);
    }

    /// <summary>Decodes the layers present in <paramref name="stream"/> to a level-k latent.</summary>
    /// <exception cref="BitstreamException">Another family, level or layout, impossible shapes, or corrupt streams.</exception>
    public Tensor Decode(ProgressiveStream stream, ProgressiveReconstruction reconstruction = ProgressiveReconstruction.ConditionalMean)
    {
        ArgumentNullException.ThrowIfNull(stream);
        CheckStream(stream);
        Tensor decodedHyper = _hyper.Decode(stream.HyperShape, stream.HyperStream);
        (Tensor scales, Tensor means) = _model.EntropyParameters(decodedHyper);
        var expected = new TensorShape(1, stream.LatentShape.Channels, stream.LatentShape.Height, stream.LatentShape.Width);
        if (scales.Shape != expected)
        {
            throw new BitstreamException($"latent shape {expected} does not match the hyper-latent {decodedHyper.Shape} (expected {scales.Shape}); the stream is corrupt, re-send it");
        }

        int count = (int)expected.ElementCount;
        var scaleIndexes = new int[count];
        _gaussian.BuildIndexes(scales.Span, scaleIndexes);
        var lower = new long[count];
        var upper = new long[count];
        if (stream.LayerCount > 0)
        {
            int coarse = Layout.Step(0);
            var cells = new int[count];
            var decoder = new RansDecoder(stream.LayerStreams[0]);
            decoder.DecodeWithIndexes(cells, CoarseIndexes(scales.Span, coarse), _gaussian.Cdfs);
            decoder.EnsureFullyConsumed();
            for (int i = 0; i < count; i++)
            {
                SetCoarseInterval(lower, upper, i, cells[i], coarse);
            }
        }

        for (int layer = 1; layer < stream.LayerCount; layer++)
        {
            int step = Layout.Step(layer);
            ProgressiveRefinementPlan plan = ProgressiveIntervals.Plan(lower, upper, scaleIndexes, _gaussian.ScaleTable, step);
            var children = new int[plan.Elements.Length];
            var decoder = new RansDecoder(stream.LayerStreams[layer]);
            if (plan.Table is not null)
            {
                decoder.DecodeWithIndexes(children, plan.Indexes, plan.Table);
            }

            decoder.EnsureFullyConsumed();
            for (int k = 0; k < children.Length; k++)
            {
                ProgressiveIntervals.Narrow(lower, upper, plan.Elements[k], children[k], step);
            }

            for (int e = 0; e < count; e++)
            {
                if (ProgressiveIntervals.Cell(lower[e], step) == ProgressiveIntervals.Cell(upper[e], step))
                {
                    ProgressiveIntervals.Narrow(lower, upper, e, 0, step);
                }
            }
        }

        var output = new Tensor(expected);
        Span<float> values = output.Span;
        ReadOnlySpan<float> meanValues = means.Span;
        ReadOnlySpan<float> table = _gaussian.ScaleTable;
        for (int i = 0; i < count; i++)
        {
            if (stream.LayerCount == 0)
            {
                // Nothing received: the prior mean.
                values[i] = meanValues[i];
                continue;
            }

            double estimate = ProgressiveIntervals.Reconstruct(lower[i], upper[i], table[scaleIndexes[i]], reconstruction);
            values[i] = (float)estimate + meanValues[i];
        }

        return output;
    }

    private static void SetCoarseInterval(long[] lower, long[] upper, int element, long cell, int step)
    {
        long half = (step - 1) / 2;
        lower[element] = (cell * step) - half;
        upper[element] = (cell * step) + half;
    }

    private int[] CoarseIndexes(ReadOnlySpan<float> scales, int step)
    {
        // Layer 0 is the level's Gaussian conditional at scale σ/Δ_0: cells of width Δ_0 in the latent domain are
        // unit bins of latent/Δ_0 (DeepHQ's per-layer proxy, DeepHQ's training-time proxy).
        var scaled = new float[scales.Length];
        for (int i = 0; i < scaled.Length; i++)
        {
            scaled[i] = scales[i] / step;
        }

        var indexes = new int[scales.Length];
        _gaussian.BuildIndexes(scaled, indexes);
        return indexes;
    }

    private void CheckStream(ProgressiveStream stream)
    {
        if (stream.FamilyId != _familyId)
        {
            throw new BitstreamException($"progressive stream is from model family '{stream.FamilyId}', this node runs '{_familyId}'; use the same models on every node");
        }

        if (stream.Level != Level)
        {
            throw new BitstreamException($"progressive stream was coded at level {stream.Level}, this decoder is level {Level}");
        }

        if (!stream.Layout.Steps.SequenceEqual(Layout.Steps))
        {
            throw new BitstreamException($"progressive stream uses layout {stream.Layout}, this decoder {Layout}");
        }

        if (stream.LayerCount > Layout.Layers)
        {
            throw new BitstreamException($"progressive stream has {stream.LayerCount} layers, its layout only {Layout.Layers}; the stream is corrupt");
        }

        HyperpriorLayout.CheckShapes(stream.HyperShape, stream.LatentShape, _model, "progressive stream");
    }
}
