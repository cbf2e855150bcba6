using EdgeCascade.Codec.Entropy;
using EdgeCascade.Codec.Models;
using EdgeCascade.Codec.Tensors;

namespace EdgeCascade.Codec.Cascade;

/// <summary>
/// Predicts the bits of Q^k, E^k (HCF §3.2 Eq. 6) without entropy coding: runs h_a, quantizes the hyper latent,
/// runs h_s for the scales σ and means μ, and sums per-element code lengths (issue 5, differential entropy (a)).
/// </summary>
/// <remarks>
/// <code>
///  latent ─ h_a ─ round(·−median) ─ bottleneck tables ─► HyperBits
///                      └─ h_s ─ (σ, μ) ─┬─ Σ log2(σ√(2πe))                     ─► DifferentialEntropyBits
///                                       ├─ Σ −log2 P(round(y−μ)+μ | μ, σ)       ─► LikelihoodBits
///                                       └─ Σ −log2 freq/2^16 (scale-table rows) ─► TableBits
/// </code>
/// The real coded size is about TableBits/8 plus 4-8 bytes per stream (the flushed 64-bit rANS state and 32-bit
/// word granularity). LikelihoodBits differs from TableBits by the scale table's rounding of σ up to the next of
/// 64 scales, the 16-bit quantization of each pmf and the escape coding of tail symbols.
/// Deterministic and read-only after construction, so one instance can serve several threads.
/// </remarks>
public sealed class RatePredictor
{
    private readonly LevelModel _model;
    private readonly HyperLatentCoder _hyper;
    private readonly GaussianConditionalTables _gaussian;

    public RatePredictor(LevelModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
        _hyper = new HyperLatentCoder(model);
        _gaussian = HyperpriorLayout.GaussianTables(model);
    }

    public int Level => _model.Level;

    /// <summary>Predicts the hop that codes the unquantized level-k <paramref name="latent"/>.</summary>
    public RatePrediction Predict(Tensor latent) => Predict(latent, out _);

    /// <summary>
    /// Predicts the hop and returns the quantized latent ŷ = round(y − μ) + μ the receiver would decode, so a
    /// cascade can continue (φ^inter) without entropy coding.
    /// </summary>
    public RatePrediction Predict(Tensor latent, out Tensor quantizedLatent)
    {
        ArgumentNullException.ThrowIfNull(latent);
        if (latent.C != _model.LatentChannels)
        {
            throw new ArgumentException($"level {Level} codes {_model.LatentChannels}-channel latents, got {latent.Shape}", nameof(latent));
        }

        QuantizedHyperLatent hyper = _hyper.Quantize(latent);
        double hyperBits = TableCodeLength(hyper.Symbols, hyper.Indexes, _hyper.Tables);
        Tensor decodedHyper = hyper.Decoded;
        (Tensor scales, Tensor means) = _model.EntropyParameters(decodedHyper);
        int count = latent.Length;
        var symbols = new int[count];
        quantizedLatent = new Tensor(latent.Shape);
        ReadOnlySpan<float> values = latent.Span;
        ReadOnlySpan<float> meanValues = means.Span;
        Span<float> quantized = quantizedLatent.Span;
        for (int i = 0; i < count; i++)
        {
            // The coder's rounding (LatentCoder), half to even.
            int symbol = (int)MathF.Round(values[i] - meanValues[i], MidpointRounding.ToEven);
            symbols[i] = symbol;
            quantized[i] = symbol + meanValues[i];
        }

        var indexes = new int[count];
        _gaussian.BuildIndexes(scales.Span, indexes);
        return new RatePrediction(
            Level,
            count,
            GaussianRate.DifferentialEntropyBits(scales.Span),
            GaussianRate.LikelihoodBits(quantized, meanValues, scales.Span),
            TableCodeLength(symbols, indexes, _gaussian.Cdfs),
            hyperBits);
    }

    /// <summary>
    /// Ideal rANS code length of <paramref name="symbols"/> under <paramref name="tables"/>: −log2(freq / 2^16) per
    /// symbol, and for a symbol outside its row the escape symbol plus 4 bits per bypass nibble (CompressAI's rANS coder (ryg_rans rans64)).
    /// </summary>
    internal static double TableCodeLength(ReadOnlySpan<int> symbols, ReadOnlySpan<int> indexes, CdfTable tables)
    {
        double bits = 0;
        for (int i = 0; i < symbols.Length; i++)
        {
            int index = indexes[i];
            ReadOnlySpan<int> cdf = tables.GetCdf(index);
            int maxValue = cdf.Length - 2;
            long value = (long)symbols[i] - tables.GetOffset(index);
            if (value >= 0 && value < maxValue)
            {
                bits += CdfTable.PrecisionBits - Math.Log2(cdf[(int)value + 1] - cdf[(int)value]);
                continue;
            }

            bits += CdfTable.PrecisionBits - Math.Log2(cdf[maxValue + 1] - cdf[maxValue]);
            long raw = value < 0 ? (-2 * value) - 1 : 2 * (value - maxValue);
            int nibbles = 0;
            while (raw >> (4 * nibbles) != 0 && nibbles < 8)
            {
                nibbles++;
            }

            bits += 4 * ((nibbles / 15) + 1 + nibbles);
        }

        return bits;
    }
}
