using MathNet.Numerics;

namespace EdgeCascade.Experiments.Analysis;

/// <summary>
/// The Kozachenko-Leonenko k-nearest-neighbour estimator of differential entropy (Kozachenko and
/// Leonenko 1987, in the form of Kraskov, Stögbauer and Grassberger 2004), as used for HCF Fig. 3
/// (HCF §4.2 and Fig. 3).
/// </summary>
/// <remarks>
/// <code>
/// Ĥ = ψ(N) − ψ(k) + ln V_m + (m / N) Σ_i ln ρ_{k,i}      [nats; divided by ln 2 for bits]
/// </code>
/// ψ is the digamma function, V_m = π^{m/2} / Γ(m/2 + 1) the volume of the Euclidean unit ball, and
/// ρ_{k,i} the Euclidean distance from sample i to its k-th nearest other sample. The search is exact
/// (KD-tree in low dimension, SIMD brute force above) and the result deterministic: per-sample
/// distances are independent of thread scheduling and summed in sample order. Duplicate handling is
/// described on <see cref="KozachenkoLeonenkoOptions"/>.
/// </remarks>
public static class KozachenkoLeonenko
{
    /// <summary>Estimates the differential entropy of N samples of dimension m, stored row-major.</summary>
    /// <param name="samples">N·m values, sample i at [i·m, (i+1)·m).</param>
    /// <param name="dimension">m ≥ 1.</param>
    /// <param name="options">k, search strategy and duplicate handling; <see cref="KozachenkoLeonenkoOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">Length not a multiple of m, N ≤ k, a non-finite value, or every sample duplicated.</exception>
    public static DifferentialEntropyEstimate Estimate(ReadOnlySpan<double> samples, int dimension, KozachenkoLeonenkoOptions? options = null)
    {
        options ??= KozachenkoLeonenkoOptions.Default;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Neighbours, nameof(options));
        if (!(options.JitterHalfWidth >= 0) || !double.IsFinite(options.JitterHalfWidth))
        {
            throw new ArgumentException($"jitter half-width must be finite and >= 0, got {options.JitterHalfWidth}", nameof(options));
        }

        if (samples.Length % dimension != 0)
        {
            throw new ArgumentException($"{samples.Length} values are not a whole number of {dimension}-dimensional samples", nameof(samples));
        }

        var count = samples.Length / dimension;
        var k = options.Neighbours;
        if (count <= k)
        {
            throw new ArgumentException($"need more than k = {k} samples, got {count}", nameof(samples));
        }

        var points = samples.ToArray();
        foreach (var value in points)
        {
            if (!double.IsFinite(value))
            {
                throw new ArgumentException("samples must be finite", nameof(samples));
            }
        }

        if (options.JitterHalfWidth > 0)
        {
            AddJitter(points, options.JitterHalfWidth, options.Seed);
        }

        var distances = KthNeighbourDistances(points, dimension, k, options);
        double sumLog = 0;
        var used = 0;
        foreach (var distance in distances)
        {
            if (distance > 0)
            {
                sumLog += Math.Log(distance);
                used++;
            }
        }

        if (used == 0)
        {
            throw new ArgumentException(
                "every sample has a duplicate at its k-th neighbour; add jitter (KozachenkoLeonenkoOptions.JitterHalfWidth) or lower k",
                nameof(samples));
        }

        var nats = SpecialFunctions.DiGamma(count) - SpecialFunctions.DiGamma(k) + LogUnitBallVolume(dimension) + (dimension * sumLog / used);
        return new DifferentialEntropyEstimate(nats / Math.Log(2), count, dimension, k, count - used);
    }

    /// <summary>Single-precision overload (latent tensors are float32); computation is in double.</summary>
    public static DifferentialEntropyEstimate Estimate(ReadOnlySpan<float> samples, int dimension, KozachenkoLeonenkoOptions? options = null)
    {
        var widened = new double[samples.Length];
        for (var i = 0; i < samples.Length; i++)
        {
            widened[i] = samples[i];
        }

        return Estimate(widened, dimension, options);
    }

    /// <summary>
    /// Entropy of a latent in C×H×W layout (one batch item of an NCHW tensor), taking each spatial
    /// position's channel vector as one sample: N = H·W samples of dimension m = C.
    /// </summary>
    /// <remarks>
    /// HCF does not say what one KL sample is (HCF §4.2 and Fig. 3); the per-position channel vector is our
    /// choice because it keeps the channel correlations the transforms are meant to remove. Callers who
    /// want per-element entropy pass the flattened latent to <see cref="Estimate(ReadOnlySpan{float}, int, KozachenkoLeonenkoOptions?)"/> with m = 1.
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="latent"/> is not C·H·W long, or as for <see cref="Estimate(ReadOnlySpan{double}, int, KozachenkoLeonenkoOptions?)"/>.</exception>
    public static DifferentialEntropyEstimate EstimateChannelVectors(
        ReadOnlySpan<float> latent,
        int channels,
        int height,
        int width,
        KozachenkoLeonenkoOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        var positions = height * width;
        if (latent.Length != channels * positions)
        {
            throw new ArgumentException($"a {channels}x{height}x{width} latent has {channels * positions} values, got {latent.Length}", nameof(latent));
        }

        var samples = new double[latent.Length];
        for (var c = 0; c < channels; c++)
        {
            for (var p = 0; p < positions; p++)
            {
                samples[(p * channels) + c] = latent[(c * positions) + p];
            }
        }

        return Estimate(samples, channels, options);
    }

    /// <summary>ln V_m, V_m = π^{m/2} / Γ(m/2 + 1), the volume of the m-dimensional Euclidean unit ball.</summary>
    public static double LogUnitBallVolume(int dimension) =>
        (0.5 * dimension * Math.Log(Math.PI)) - SpecialFunctions.GammaLn((0.5 * dimension) + 1);

    private static double[] KthNeighbourDistances(double[] points, int dimension, int k, KozachenkoLeonenkoOptions options)
    {
        var count = points.Length / dimension;
        var useTree = options.Search switch
        {
            NeighbourSearch.KdTree => true,
            NeighbourSearch.BruteForce => false,
            _ => dimension <= options.KdTreeMaxDimension,
        };
        var distances = new double[count];
        if (useTree)
        {
            var tree = new KdTree(points, dimension);
            Parallel.For(0, count, i => distances[i] = tree.KthNeighbourDistance(i, k));
        }
        else
        {
            var search = new BruteForceNeighbours(points, dimension);
            Parallel.For(
                0,
                count,
                search.CreateScratch,
                (i, _, scratch) =>
                {
                    distances[i] = search.KthNeighbourDistance(i, k, scratch);
                    return scratch;
                },
                _ => { });
        }

        return distances;
    }

    private static void AddJitter(double[] points, double halfWidth, ulong seed)
    {
        // SplitMix64 (Steele, Lea and Flood 2014): a fixed, portable sequence for a given seed.
        var state = seed;
        for (var i = 0; i < points.Length; i++)
        {
            state += 0x9E3779B97F4A7C15UL;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            var unit = (z >> 11) * (1.0 / (1UL << 53));
            points[i] += ((2 * unit) - 1) * halfWidth;
        }
    }
}
