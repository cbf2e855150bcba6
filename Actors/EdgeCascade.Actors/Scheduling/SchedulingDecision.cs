using EdgeCascade.Actors.Policies;

namespace EdgeCascade.Actors.Scheduling;

/// <summary>A scheduler's choice of π for one flow, with the predicted loads that justify it.</summary>
/// <param name="Policy">The chosen policy (n_q = hop count).</param>
/// <param name="Plan">The policy mapped onto the path: operators per node, level per hop.</param>
/// <param name="Hops">Predicted bits against the budget, per hop.</param>
/// <param name="Nodes">Predicted FLOPs, time and memory against the budgets, per node.</param>
/// <param name="Feasible">True when every hop and node fits its budget.</param>
/// <param name="Reason">Why this policy was chosen, in plain words.</param>
public sealed record SchedulingDecision(
    QuantizationPolicy Policy,
    HopPlan Plan,
    IReadOnlyList<HopLoad> Hops,
    IReadOnlyList<NodeLoad> Nodes,
    bool Feasible,
    string Reason)
{
    /// <summary>Sum of the predicted bits over all hops.</summary>
    public double TotalBits => Hops.Sum(h => h.PredictedBits);

    /// <summary>Sum of the FLOPs over all nodes.</summary>
    public double TotalFlops => Nodes.Sum(n => n.Flops);

    /// <summary>The largest utilisation of any link, compute or memory budget (≤ 1 when feasible).</summary>
    public double WorstUtilisation => Math.Max(
        Hops.Max(h => h.Utilisation),
        Nodes.Max(n => Math.Max(n.ComputeUtilisation, n.MemoryUtilisation)));
}
