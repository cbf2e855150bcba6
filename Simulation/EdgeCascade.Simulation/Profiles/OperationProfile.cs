using EdgeCascade.Actors.Policies;

namespace EdgeCascade.Simulation.Profiles;

/// <summary>Measured cost of one cascade operator at the profile's image resolution.</summary>
/// <param name="Kind">Which operator (g_a, φ^intra, Q/E, D, φ^inter, g_s).</param>
/// <param name="Level">The level it consumes (as in <see cref="StageOp"/>).</param>
/// <param name="Flops">FLOPs per image at the profiled resolution (scaled linearly with pixels).</param>
/// <param name="PeakMemoryBytes">Peak device memory per image at the profiled resolution (scaled linearly).</param>
public sealed record OperationProfile(StageOpKind Kind, int Level, double Flops, long PeakMemoryBytes)
{
    /// <summary>The operator this entry measures.</summary>
    public StageOp Operation => new(Kind, Level);
}
