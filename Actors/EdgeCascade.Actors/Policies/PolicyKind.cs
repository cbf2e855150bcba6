namespace EdgeCascade.Actors.Policies;

/// <summary>How a quantization policy π is chosen for a flow.</summary>
public enum PolicyKind
{
    /// <summary>The edge quantization principle (HCF Eq. 16): transmit at the cascade front and at d.</summary>
    Edge,

    /// <summary>All transmissions at the end of the chain: <c>[0,…,0,1,…,1]</c>.</summary>
    Late,

    /// <summary>Transmissions spread evenly over the levels (<see cref="QuantizationPolicy.UniformSpread"/>).</summary>
    Uniform,

    /// <summary>Hop by hop, the cheapest predicted rate that fits the budgets.</summary>
    Greedy,

    /// <summary>Exhaustive search over the policy space with a caller-supplied evaluation (e.g. real coding).</summary>
    Oracle,
}
