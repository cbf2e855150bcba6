namespace EdgeCascade.Experiments.Analysis;

/// <summary>How <see cref="KozachenkoLeonenko"/> finds the k-th nearest neighbour of each sample.</summary>
public enum NeighbourSearch
{
    /// <summary>KD-tree up to <see cref="KozachenkoLeonenkoOptions.KdTreeMaxDimension"/> dimensions, brute force above.</summary>
    Auto,

    /// <summary>Exact search in a KD-tree (fast in low dimension).</summary>
    KdTree,

    /// <summary>Exact all-pairs search with SIMD distances (robust in high dimension).</summary>
    BruteForce,
}
