using MathNet.Numerics;

namespace EdgeCascade.Codec.Entropy;

/// <summary>
/// Rate estimates for Gaussian-coded latents, in bits: the differential entropy of N(μ, σ²) with a unit
/// quantisation step, and the exact discretised likelihood CompressAI's <c>GaussianConditional</c> uses
/// (CompressAI's GaussianConditional). Standard normal CDF values come from MathNet's <c>Erfc</c> (about 1e-15 relative accuracy).
/// </summary>
public static class GaussianRate
{
    /// <summary>Lower bound of a likelihood (CompressAI <c>likelihood_lower_bound</c>).</summary>
    public const double LikelihoodBound = 1e-9;

    private static readonly double s_log2SqrtTwoPiE = Math.Log2(Math.Sqrt(2 * Math.PI * Math.E));

    /// <summary>Φ(v) = 0.5 erfc(-v / √2).</summary>
    public static double StandardNormalCdf(double v) => 0.5 * SpecialFunctions.Erfc(-v / Math.Sqrt(2));

    /// <summary>Φ⁻¹(p) for p in (0, 1).</summary>
    public static double StandardNormalQuantile(double p)
    {
        if (!(p > 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "probability must lie strictly between 0 and 1");
        }

        return -Math.Sqrt(2) * SpecialFunctions.ErfcInv(2 * p);
    }

    /// <summary>
    /// Differential entropy of a Gaussian with scale σ (raised to 0.11 like the coder) in bits per element:
    /// <c>log2(σ √(2πe))</c>; the quantisation step is 1, so no <c>-log2(step)</c> term.
    /// </summary>
    public static double DifferentialEntropyBits(double scale) =>
        Math.Log2(Math.Max(scale, GaussianConditionalTables.ScaleBound)) + s_log2SqrtTwoPiE;

    /// <summary>Sum of <see cref="DifferentialEntropyBits(double)"/> over <paramref name="scales"/>.</summary>
    public static double DifferentialEntropyBits(ReadOnlySpan<float> scales)
    {
        double sum = 0;
        foreach (float scale in scales)
        {
            sum += DifferentialEntropyBits(scale);
        }

        return sum;
    }

    /// <summary>
    /// Probability of the quantised value: <c>Φ((0.5 - |v-μ|)/σ) - Φ((-0.5 - |v-μ|)/σ)</c>, σ raised to 0.11,
    /// result raised to 1e-9.
    /// </summary>
    public static double Likelihood(double value, double mean, double scale)
    {
        double sigma = Math.Max(scale, GaussianConditionalTables.ScaleBound);
        double distance = Math.Abs(value - mean);
        double upper = StandardNormalCdf((0.5 - distance) / sigma);
        double lower = StandardNormalCdf((-0.5 - distance) / sigma);
        return Math.Max(upper - lower, LikelihoodBound);
    }

    /// <summary><c>-log2</c> of <see cref="Likelihood"/>: the ideal code length of one element.</summary>
    public static double LikelihoodBits(double value, double mean, double scale) => -Math.Log2(Likelihood(value, mean, scale));

    /// <summary>Sum of <see cref="LikelihoodBits(double, double, double)"/> over aligned spans.</summary>
    public static double LikelihoodBits(ReadOnlySpan<float> values, ReadOnlySpan<float> means, ReadOnlySpan<float> scales)
    {
        if (values.Length != means.Length || values.Length != scales.Length)
        {
            throw new ArgumentException(
                $"values ({values.Length}), means ({means.Length}) and scales ({scales.Length}) must have the same length",
                nameof(values));
        }

        double sum = 0;
        for (int i = 0; i < values.Length; i++)
        {
            sum += LikelihoodBits(values[i], means[i], scales[i]);
        }

        return sum;
    }
}
