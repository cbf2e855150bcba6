using EdgeCascade.Actors.Messages;
using EdgeCascade.Actors.Policies;

namespace EdgeCascade.Actors.Nodes;

/// <summary>What a node asks its <see cref="IStageExecutor"/> to run: one node's stage of one image.</summary>
/// <param name="Route">The image's flow and plan.</param>
/// <param name="Stage">The operators this node runs (from <c>Route.Plan.Stages</c>).</param>
/// <param name="Image">The image's accounting (its sample index picks profile values).</param>
/// <param name="Input">The raw image at the source, the received bitstream elsewhere; null under profile fidelity.</param>
/// <param name="SharedOperations">
/// Leading operators of <paramref name="Stage"/> this node already ran for the same image in another branch of a fork
/// (the decode of the shared bitstream, or g_a^s at a source): their cost is not charged again.
/// </param>
public readonly record struct StageWork(FlowRoute Route, NodeStage Stage, ImageTrace Image, object? Input, int SharedOperations = 0)
{
    /// <summary>The operators this job is charged for: <see cref="NodeStage.Operations"/> less the shared ones.</summary>
    public NodeStage ChargedStage => SharedOperations == 0 ? Stage : Stage with { Operations = Stage.Operations.Skip(SharedOperations).ToArray() };
}
