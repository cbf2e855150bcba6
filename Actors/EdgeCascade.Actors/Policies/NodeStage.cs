namespace EdgeCascade.Actors.Policies;

/// <summary>What one node of a flow's path runs for one image under a policy.</summary>
/// <param name="Index">Position on the path: 0 is the source, the last index the destination.</param>
/// <param name="Node">Node name.</param>
/// <param name="ReceivedLevel">Level of the bitstream the node decodes, or null at the source.</param>
/// <param name="TransmittedLevel">Level of the bitstream the node sends, or null at the destination.</param>
/// <param name="Operations">The operators in execution order.</param>
public sealed record NodeStage(int Index, string Node, int? ReceivedLevel, int? TransmittedLevel, IReadOnlyList<StageOp> Operations)
{
    /// <summary>True for the first node of the path (runs g_a^s).</summary>
    public bool IsSource => ReceivedLevel is null;

    /// <summary>True for the last node of the path (runs g_s^d).</summary>
    public bool IsDestination => TransmittedLevel is null;

    /// <summary>A relay that forwards the received bitstream as is: no operator, no GPU job, same level out as in.</summary>
    public bool IsPassThrough => Operations.Count == 0 && ReceivedLevel is not null && TransmittedLevel is not null;

    /// <summary>The operators in paper notation, comma separated, e.g. <c>D^4, φ^inter_{4→3}, Q^3,E^3</c>.</summary>
    public override string ToString() => $"{Node}: {string.Join(", ", Operations)}";
}
