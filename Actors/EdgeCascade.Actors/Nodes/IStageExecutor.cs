using EdgeCascade.Actors.Scheduling;

namespace EdgeCascade.Actors.Nodes;

/// <summary>
/// Runs a node's stage of a flow's hop plan for one image. The node actor asks for the cost first
/// (to charge its GPU budget: run time from FLOPs, admission from peak memory), then for the output
/// once the job holds a GPU slot.
/// </summary>
/// <remarks>
/// Implementations: the simulator's profile cost model (costs and bits sampled from a measured
/// profile), the simulator's exact mode (the real codec under virtual time), and the runtime's codec
/// executor (the real codec). <see cref="Execute"/> is synchronous; where it does real work the node
/// runs it on a stage-worker child actor (<see cref="NodeActorSettings.StageWorkers"/>) instead of on
/// its own turn, so the node never waits for it.
/// </remarks>
public interface IStageExecutor
{
    /// <summary>FLOPs and peak device memory of <paramref name="work"/>; must not depend on when it is called.</summary>
    OperationCost Plan(in StageWork work);

    /// <summary>Runs <paramref name="work"/> and returns its output; throws when the stage cannot run on its input.</summary>
    StageOutput Execute(in StageWork work);
}
