namespace EdgeCascade.Codec.Cascade;

/// <summary>
/// Predicted size of one hop's bitstream at one level, in bits (issue 5, differential entropy (a)).
/// </summary>
/// <param name="Level">The level whose entropy model codes the hop.</param>
/// <param name="Elements">Latent elements in the main stream.</param>
/// <param name="DifferentialEntropyBits">Σ log2(σ√(2πe)) − log2(1) over the main stream (σ raised to 0.11).</param>
/// <param name="LikelihoodBits">Σ −log2 P(ŷ | μ, σ) of the discretised Gaussian, each P raised to 1e-9.</param>
/// <param name="TableBits">Σ −log2 of the coded symbol's 16-bit frequency, escape nibbles included.</param>
/// <param name="HyperBits">The hyper stream's code length under the entropy bottleneck tables, escapes included.</param>
public sealed record RatePrediction(int Level, long Elements, double DifferentialEntropyBits, double LikelihoodBits, double TableBits, double HyperBits)
{
    /// <summary>Main plus hyper bits with the chosen main-stream estimate.</summary>
    public double Bits(RateEstimate estimate) => HyperBits + estimate switch
    {
        RateEstimate.Likelihood => LikelihoodBits,
        RateEstimate.DifferentialEntropy => DifferentialEntropyBits,
        RateEstimate.Table => TableBits,
        _ => throw new ArgumentOutOfRangeException(nameof(estimate), estimate, "unknown rate estimate"),
    };

    /// <summary><see cref="Bits"/> per pixel of an image with <paramref name="pixels"/> pixels.</summary>
    public double BitsPerPixel(RateEstimate estimate, long pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pixels);
        return Bits(estimate) / pixels;
    }
}
