namespace EdgeCascade.Experiments.Analysis;

/// <summary>Settings of the <see cref="KozachenkoLeonenko"/> estimator.</summary>
/// <remarks>
/// Duplicate samples have a k-th neighbour distance of 0 and ln 0 = −∞. Two documented remedies:
/// <list type="bullet">
/// <item><see cref="JitterHalfWidth"/> &gt; 0 adds independent uniform noise in [−w, w] to every
/// coordinate (from a SplitMix64 generator seeded with <see cref="Seed"/>) before the search. For
/// integer-valued, quantized latents w = 0.5 is the natural choice: the sample then follows the
/// dequantization-noise relaxation, whose differential entropy equals the discrete entropy
/// (unit step), so quantized and unquantized latents are comparable as in HCF Fig. 3.</item>
/// <item>Samples whose k-th neighbour distance is still exactly 0 are skipped: they are left out of the
/// Σ ln ρ average (the mean runs over the remaining samples); ψ(N) still uses the full N. The count is
/// reported in <see cref="DifferentialEntropyEstimate.SkippedSamples"/>.</item>
/// </list>
/// </remarks>
/// <param name="Neighbours">k, the neighbour rank used (≥ 1; 3-5 is usual).</param>
/// <param name="Search">Neighbour search strategy.</param>
/// <param name="JitterHalfWidth">Half-width of the uniform jitter added to every coordinate; 0 disables it.</param>
/// <param name="Seed">Seed of the jitter generator.</param>
/// <param name="KdTreeMaxDimension">Highest dimension for which <see cref="NeighbourSearch.Auto"/> uses the KD-tree.</param>
public sealed record KozachenkoLeonenkoOptions(
    int Neighbours = 3,
    NeighbourSearch Search = NeighbourSearch.Auto,
    double JitterHalfWidth = 0,
    ulong Seed = 0x5EED,
    int KdTreeMaxDimension = 8)
{
    /// <summary>k = 3, automatic search, no jitter.</summary>
    public static KozachenkoLeonenkoOptions Default { get; } = new();
}
