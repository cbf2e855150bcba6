namespace EdgeCascade.Experiments.Runners;

/// <summary>The comparison experiments of <c>edgecascade compare</c>, after HCF's tables and figures.</summary>
public enum ExperimentKind
{
    /// <summary>Every policy for n_q = 2 and n_q = 4 (HCF Table 1).</summary>
    Policies,

    /// <summary>R-D curves and BD-rate of HCF (edge) against DRF and SSF on a two-stage path (Table 2).</summary>
    Frameworks,

    /// <summary>Per-node FLOPs, parameters, memory and time of HCF against DRF on a five-hop chain (Table 3).</summary>
    Complexity,

    /// <summary>Shorter against longer level paths to the same targets (Table 4).</summary>
    Paths,

    /// <summary>Differential entropy of the latent after each operator (Fig. 3).</summary>
    Entropy,
}
