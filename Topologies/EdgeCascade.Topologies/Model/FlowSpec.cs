namespace EdgeCascade.Topologies.Model;

/// <summary>A stream of images from a source to a destination that needs a given quality level.</summary>
/// <param name="Name">Unique flow name.</param>
/// <param name="Source">Node that captures and encodes the images.</param>
/// <param name="Destination">Node that decodes them.</param>
/// <param name="SourceLevel">Quality level the source encodes at (s in HCF).</param>
/// <param name="TargetLevel">Quality level delivered at the destination (d in HCF).</param>
/// <param name="Deadline">End-to-end latency target, if any.</param>
/// <param name="Path">The nodes the flow passes, source first, destination last.</param>
public sealed record FlowSpec(
    string Name,
    string Source,
    string Destination,
    int SourceLevel,
    int TargetLevel,
    TimeSpan? Deadline,
    IReadOnlyList<string> Path)
{
    /// <summary>Number of transmissions (hops) on the path.</summary>
    public int HopCount => Path.Count - 1;

    /// <summary>
    /// Transmissions a policy of this flow has (n_q): one per hop, at most one per level (s − d + 1); the hops beyond
    /// pass the last level's bitstream through.
    /// </summary>
    public int Transmissions => Math.Min(HopCount, SourceLevel - TargetLevel + 1);
}
