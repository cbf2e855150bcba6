using EdgeCascade.Actors.Scheduling;

namespace EdgeCascade.Actors.Nodes;

/// <summary>
/// Runs a node's stage of a flow's hop plan for one image. The node actor asks for the cost first
/// (to charge its GPU budget: run time from FLOPs, admission from peak memory), then for the output
/// once the job holds a GPU slot.
/// </summary>
/// <remarks>
/// Implementations: the simulator's profile cost model (costs and bits sampled from a measured
/// profile, output at once), the simulator's exact mode (the real codec, synchronously, under
/// virtual time), and the runtime's codec executor (the real codec, asynchronously on worker
/// threads). Both calls happen on the node's turn; an implementation that does real work returns
/// an incomplete task instead of blocking, and the node waits for it without blocking.
/// </remarks>
public interface IStageExecutor
{
    /// <summary>FLOPs and peak device memory of <paramref name="work"/>; must not depend on when it is called.</summary>
    OperationCost Plan(in StageWork work);

    /// <summary>Runs <paramref name="work"/>; may complete synchronously (simulation) or later (real codec).</summary>
    ValueTask<StageOutput> ExecuteAsync(StageWork work, CancellationToken cancellationToken = default);
}
