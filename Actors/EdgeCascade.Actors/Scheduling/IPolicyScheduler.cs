using EdgeCascade.Actors.Policies;

namespace EdgeCascade.Actors.Scheduling;

/// <summary>Chooses the quantization policy π of one flow (n_q = the path's hop count).</summary>
/// <remarks>
/// Contract: the chosen policy lies in Π(s,d;n_q) of the request; the decision has one
/// <see cref="HopLoad"/> per hop and one <see cref="NodeLoad"/> per node predicted by the given
/// cost model; <see cref="SchedulingDecision.Feasible"/> is true exactly when every load fits; the
/// reason is never empty; the same inputs give the same decision. An invalid request throws
/// <see cref="ArgumentException"/>.
/// </remarks>
public interface IPolicyScheduler
{
    /// <summary>The rule this scheduler follows.</summary>
    PolicyKind Kind { get; }

    /// <summary>Short name for reports, e.g. <c>edge-first</c>, <c>late</c>, <c>oracle</c>.</summary>
    string Name { get; }

    /// <summary>Chooses π for <paramref name="request"/> using <paramref name="costModel"/>'s predictions.</summary>
    SchedulingDecision Choose(SchedulingRequest request, IHopCostModel costModel);
}
