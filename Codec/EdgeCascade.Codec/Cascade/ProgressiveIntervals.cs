using EdgeCascade.Codec.Bitstreams;
using EdgeCascade.Codec.Entropy;

namespace EdgeCascade.Codec.Cascade;

/// <summary>
/// The nested-quantization arithmetic both ends of a progressive stream share (DeepHQ's nested quantization at coding time, described there,
/// re-derived here): each element's current interval is an integer range [lower, upper] of mean-removed symbols,
/// a refinement layer splits it into the layer's cells that meet it, and each split is coded with the Gaussian
/// mass of the children conditioned on the parent.
/// </summary>
/// <remarks>
/// Because the pmfs of all layers are conditionals of one Gaussian, the ideal code length of all layers
/// telescopes to <c>-log2 P(q)</c>, the single-layer cost; only the 16-bit quantization of each pmf and the
/// per-layer rANS flush add to it. Pmfs use the scale-table scale (the coder's quantized σ) so rows repeat and
/// are cached per (scale index, lower, upper).
/// </remarks>
internal static class ProgressiveIntervals
{
    private static readonly double s_inverseSqrtTwoPi = 1 / Math.Sqrt(2 * Math.PI);

    /// <summary>⌊numerator / denominator⌋ for a positive denominator.</summary>
    public static long FloorDiv(long numerator, long denominator)
    {
        long quotient = Math.DivRem(numerator, denominator, out long remainder);
        return remainder < 0 ? quotient - 1 : quotient;
    }

    /// <summary>Cell index of symbol <paramref name="symbol"/> on the grid of odd step <paramref name="step"/>.</summary>
    public static long Cell(long symbol, int step) => FloorDiv(symbol + ((step - 1) / 2), step);

    /// <summary>
    /// Plans one refinement layer: which elements need a symbol (those whose interval meets more than one cell)
    /// and the CDF row of each. Elements with a single child are refined for free.
    /// </summary>
    public static ProgressiveRefinementPlan Plan(ReadOnlySpan<long> lower, ReadOnlySpan<long> upper, ReadOnlySpan<int> scaleIndexes, ReadOnlySpan<float> scaleTable, int step)
    {
        var rows = new List<int[]>();
        var rowOf = new Dictionary<(int Scale, long Lower, long Upper), int>();
        var elements = new List<int>();
        var indexes = new List<int>();
        for (int e = 0; e < lower.Length; e++)
        {
            long first = Cell(lower[e], step);
            long last = Cell(upper[e], step);
            if (first == last)
            {
                continue;
            }

            var key = (scaleIndexes[e], lower[e], upper[e]);
            if (!rowOf.TryGetValue(key, out int row))
            {
                row = rows.Count;
                rows.Add(ChildCdf(lower[e], upper[e], first, last, step, scaleTable[scaleIndexes[e]]));
                rowOf.Add(key, row);
            }

            elements.Add(e);
            indexes.Add(row);
        }

        CdfTable? table = rows.Count == 0 ? null : CdfTable.Create(rows, new int[rows.Count]);
        return new ProgressiveRefinementPlan([.. elements], [.. indexes], table);
    }

    /// <summary>Narrows element <paramref name="element"/> to its child <paramref name="child"/> (0-based among the children).</summary>
    /// <exception cref="BitstreamException">The child does not exist (only possible for a decoded symbol).</exception>
    public static void Narrow(Span<long> lower, Span<long> upper, int element, long child, int step)
    {
        long first = Cell(lower[element], step);
        long last = Cell(upper[element], step);
        long cell = first + child;
        if (child < 0 || cell > last)
        {
            throw new BitstreamException(
                $"progressive stream decodes child {child} of {last - first + 1} for element {element}; the stream is corrupt, re-send it");
        }

        long half = (step - 1) / 2;
        lower[element] = Math.Max(lower[element], (cell * step) - half);
        upper[element] = Math.Min(upper[element], (cell * step) + half);
    }

    /// <summary>Reconstruction of a mean-removed value known to lie in the symbols [lower, upper].</summary>
    public static double Reconstruct(long lower, long upper, double scale, ProgressiveReconstruction mode)
    {
        if (lower == upper)
        {
            return lower;
        }

        double from = lower - 0.5;
        double to = upper + 0.5;
        double midpoint = 0.5 * (lower + (double)upper);
        if (mode == ProgressiveReconstruction.Midpoint)
        {
            return midpoint;
        }

        double mass = Mass(from, to, scale);
        if (!(mass > 1e-300))
        {
            return midpoint;
        }

        double alpha = from / scale;
        double beta = to / scale;
        double mean = scale * (Density(alpha) - Density(beta)) / mass;
        return double.IsFinite(mean) ? Math.Clamp(mean, from, to) : midpoint;
    }

    /// <summary>Gaussian N(0, scale²) mass of [from, to], accurate in either tail.</summary>
    public static double Mass(double from, double to, double scale)
    {
        if (from >= 0)
        {
            return GaussianRate.StandardNormalCdf(-from / scale) - GaussianRate.StandardNormalCdf(-to / scale);
        }

        if (to <= 0)
        {
            return GaussianRate.StandardNormalCdf(to / scale) - GaussianRate.StandardNormalCdf(from / scale);
        }

        return 1 - GaussianRate.StandardNormalCdf(from / scale) - GaussianRate.StandardNormalCdf(-to / scale);
    }

    private static double Density(double x) => double.IsInfinity(x) ? 0 : s_inverseSqrtTwoPi * Math.Exp(-0.5 * x * x);

    private static int[] ChildCdf(long lower, long upper, long first, long last, int step, double scale)
    {
        int count = checked((int)(last - first + 1));
        long half = (step - 1) / 2;
        var pmf = new double[count];
        double total = 0;
        for (int i = 0; i < count; i++)
        {
            long cell = first + i;
            long from = Math.Max(lower, (cell * step) - half);
            long to = Math.Min(upper, (cell * step) + half);
            pmf[i] = Mass(from - 0.5, to + 0.5, scale);
            total += pmf[i];
        }

        for (int i = 0; i < count; i++)
        {
            if (total > 1e-300)
            {
                pmf[i] /= total;
            }
            else
            {
                // Far in a tail where the Gaussian underflows: split by width (DeepHQ's uniform fallback).
                long cell = first + i;
                long width = Math.Min(upper, (cell * step) + half) - Math.Max(lower, (cell * step) - half) + 1;
                pmf[i] = width / (double)(upper - lower + 1);
            }
        }

        return PmfToCdf.Quantize(pmf, tailMass: 0);
    }
}
