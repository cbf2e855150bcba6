using EdgeCascade.Codec.Entropy;

namespace EdgeCascade.Codec.Cascade;

/// <summary>One refinement layer's coded elements, the CDF row of each, and the rows (null when nothing is coded).</summary>
internal sealed record ProgressiveRefinementPlan(int[] Elements, int[] Indexes, CdfTable? Table);
