namespace EdgeCascade.Codec.Cascade;

/// <summary>Which main-stream estimate of a <see cref="RatePrediction"/> to use.</summary>
public enum RateEstimate
{
    /// <summary>Exact discretised Gaussian likelihood, Σ −log2 P(ŷ) with the 1e-9 floor (closest to the coded size).</summary>
    Likelihood,

    /// <summary>Gaussian differential entropy with a unit step, Σ log2(σ√(2πe)): needs only the scales.</summary>
    DifferentialEntropy,

    /// <summary>Ideal code length under the coder's own 16-bit tables, escapes included (what rANS pays, minus flush).</summary>
    Table,
}
