using EdgeCascade.Actors.Policies;

namespace EdgeCascade.Actors.Nodes;

/// <summary>
/// A flow as the node actors run it: its index (carried by every <c>ImageTrace</c>), its name,
/// the hop plan the scheduler chose, its deadline and the image size the costs are computed for.
/// </summary>
/// <param name="Index">Position in the topology's flow list; images refer to their flow by it.</param>
/// <param name="Name">Flow name, for reports.</param>
/// <param name="Plan">The chosen policy mapped onto the path: operators per node, level per hop.</param>
/// <param name="DeadlineNs">End-to-end latency target in ns, or null.</param>
/// <param name="ImageWidth">Image width in pixels.</param>
/// <param name="ImageHeight">Image height in pixels.</param>
public sealed record FlowRoute(int Index, string Name, HopPlan Plan, long? DeadlineNs, int ImageWidth, int ImageHeight)
{
    /// <summary>Pixels per image.</summary>
    public long Pixels => (long)ImageWidth * ImageHeight;

    /// <summary>Number of hops.</summary>
    public int HopCount => Plan.Hops.Count;
}
