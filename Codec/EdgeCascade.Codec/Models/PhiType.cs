namespace EdgeCascade.Codec.Models;

/// <summary>Which HCF transform φ_{k→k-1}: on decoded latents (inter-node) or on analysis latents (intra-node).</summary>
public enum PhiType
{
    /// <summary>φ_inter: applied to the decoded latent ŷ^k received from another node.</summary>
    Inter,

    /// <summary>φ_intra: applied to the unquantized latent y^k inside the node that ran g_a.</summary>
    Intra,
}
