namespace EdgeCascade.Actors.Policies;

/// <summary>The operators of the HCF cascade (HCF §3.2, Eqs. 6-10) a node stage can run.</summary>
public enum StageOpKind
{
    /// <summary>g_a^s: analysis transform from pixels to the level-s latent (source only).</summary>
    Analysis,

    /// <summary>φ^intra_{k→k−1}: transform of the unquantized level-k latent.</summary>
    IntraTransform,

    /// <summary>Q^k then E^k: quantize the level-k latent and entropy-code it into the hop's bitstream.</summary>
    QuantizeEncode,

    /// <summary>D^k: entropy-decode the level-k bitstream received over a hop.</summary>
    Decode,

    /// <summary>φ^inter_{k→k−1}: transform of the decoded (quantized) level-k latent.</summary>
    InterTransform,

    /// <summary>g_s^d: synthesis transform from the decoded level-d latent to pixels (destination only).</summary>
    Synthesis,
}
