namespace EdgeCascade.Codec.Tensors;

/// <summary>The right GEMM operand B (K x N), read by packing blocks of it into Nr-column panels.</summary>
internal interface IPanelSource
{
    int Depth { get; }

    int Columns { get; }

    /// <summary>
    /// Writes rows [k0, k0 + kc) and columns [n0, n0 + nc) as panels: destination[(p*kc + k)*Nr + j]
    /// holds B[k0 + k, n0 + p*Nr + j], zero beyond column N.
    /// </summary>
    void Pack(int k0, int kc, int n0, int nc, Span<float> destination);
}
