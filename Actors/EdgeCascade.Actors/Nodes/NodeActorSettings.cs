using EdgeCascade.Actors.Budgets;

namespace EdgeCascade.Actors.Nodes;

/// <summary>Everything a <see cref="NodeActor"/> is built from.</summary>
/// <param name="Name">Node name (as in the topology and the hop plans).</param>
/// <param name="Budget">The node's GPU: slots, memory, queue. Owned by the actor from now on.</param>
/// <param name="Executor">Runs the node's stages (profile model, exact codec, or runtime codec).</param>
/// <param name="Routes">Every flow of the topology, indexed by <see cref="FlowRoute.Index"/>.</param>
/// <param name="OutgoingLinks">One port per outgoing link this node's flows use.</param>
/// <param name="Observer">Receives deliveries and drops.</param>
/// <param name="StageWorkers">
/// 0: stages run on the node's own turn (the simulator: the executor is instant or virtual time stands
/// still while it runs). Above 0: stages run on up to this many <see cref="StageWorkerActor"/> children,
/// so a real codec never holds the node's turn (the runtime).
/// </param>
public sealed record NodeActorSettings(
    string Name,
    GpuBudget Budget,
    IStageExecutor Executor,
    IReadOnlyList<FlowRoute> Routes,
    IReadOnlyList<ILinkPort> OutgoingLinks,
    INodeObserver Observer,
    int StageWorkers = 0);
