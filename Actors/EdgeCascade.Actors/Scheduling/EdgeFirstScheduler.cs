using EdgeCascade.Actors.Policies;

namespace EdgeCascade.Actors.Scheduling;

/// <summary>
/// The EdgeCascade scheduler: the edge quantization principle first (HCF Eq. 16, §4.2), checked
/// against every hop's link budget and every node's compute and memory budget with the cost model's
/// predictions, with documented fallbacks when it does not fit.
/// </summary>
/// <remarks>
/// Order tried, with n_q = the hop count:
/// <list type="number">
/// <item>the edge policy (best quality at equal rate in HCF's experiments);</item>
/// <item>the uniform-spread policy, then the late policy (each moves intra transforms, and so
/// compute, towards the source and lowers the early hops' rates);</item>
/// <item>the cheapest feasible policy of Π(s,d;n_q): fewest total predicted bits, then fewest FLOPs,
/// then enumeration order;</item>
/// <item>when nothing fits: the least-infeasible policy (smallest worst-case utilisation), marked
/// infeasible, with the binding constraint in the reason.</item>
/// </list>
/// </remarks>
public sealed class EdgeFirstScheduler : IPolicyScheduler
{
    private static readonly PolicyKind[] s_namedOrder = [PolicyKind.Edge, PolicyKind.Uniform, PolicyKind.Late];

    /// <inheritdoc/>
    public PolicyKind Kind => PolicyKind.Edge;

    /// <inheritdoc/>
    public string Name => "edge-first";

    /// <inheritdoc/>
    public SchedulingDecision Choose(SchedulingRequest request, IHopCostModel costModel)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(costModel);
        request.Validate();
        var rejected = new List<string>();
        var tried = new HashSet<QuantizationPolicy>();
        foreach (var kind in s_namedOrder)
        {
            var policy = QuantizationPolicy.Named(kind, request.SourceLevel, request.TargetLevel, request.Transmissions);
            if (!tried.Add(policy))
            {
                continue;
            }

            var decision = PolicyAssessor.Assess(request, costModel, policy);
            if (decision.Feasible)
            {
                var prefix = rejected.Count == 0 ? string.Empty : $" after rejecting {string.Join("; ", rejected)}";
                return decision with { Reason = $"{kind.ToString().ToLowerInvariant()} policy {decision.Reason}{prefix}" };
            }

            rejected.Add($"{kind.ToString().ToLowerInvariant()} {decision.Reason}");
        }

        var assessed = PolicySelection.AssessSpace(request, costModel);
        var cheapest = PolicySelection.CheapestFeasible(assessed);
        if (cheapest is not null)
        {
            return cheapest with
            {
                Reason = PolicyAssessor.Invariant(
                    $"cheapest feasible policy {cheapest.Policy} ({cheapest.TotalBits:G4} bits over all hops, worst utilisation {cheapest.WorstUtilisation:P0}); rejected {string.Join("; ", rejected)}"),
            };
        }

        var least = PolicySelection.LeastInfeasible(assessed);
        return least with
        {
            Reason = PolicyAssessor.Invariant(
                $"no policy of the {assessed.Count} in Π(s={request.SourceLevel},d={request.TargetLevel};n_q={request.Transmissions}) fits; least infeasible is {PolicyAssessor.DescribeBindingConstraint(least)}"),
        };
    }
}
