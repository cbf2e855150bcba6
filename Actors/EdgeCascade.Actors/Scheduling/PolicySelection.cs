using EdgeCascade.Actors.Policies;

namespace EdgeCascade.Actors.Scheduling;

/// <summary>Shared fallbacks over a whole policy space.</summary>
internal static class PolicySelection
{
    /// <summary>Every policy of Π(s,d;hops) assessed, in <see cref="PolicySpace.Enumerate"/> order.</summary>
    public static IReadOnlyList<SchedulingDecision> AssessSpace(SchedulingRequest request, IHopCostModel costModel) =>
        PolicySpace.Enumerate(request.SourceLevel, request.TargetLevel, request.Transmissions)
            .Select(policy => PolicyAssessor.Assess(request, costModel, policy))
            .ToList();

    /// <summary>
    /// The feasible assessment with the fewest total predicted bits; ties go to fewer total FLOPs,
    /// then to the earlier one in enumeration order. Null when nothing is feasible.
    /// </summary>
    public static SchedulingDecision? CheapestFeasible(IReadOnlyList<SchedulingDecision> assessed)
    {
        SchedulingDecision? best = null;
        foreach (var candidate in assessed)
        {
            if (candidate.Feasible && (best is null || IsCheaper(candidate, best)))
            {
                best = candidate;
            }
        }

        return best;
    }

    /// <summary>The assessment with the smallest worst-case utilisation; ties go to the earlier one.</summary>
    public static SchedulingDecision LeastInfeasible(IReadOnlyList<SchedulingDecision> assessed)
    {
        var best = assessed[0];
        foreach (var candidate in assessed.Skip(1))
        {
            if (candidate.WorstUtilisation < best.WorstUtilisation)
            {
                best = candidate;
            }
        }

        return best;
    }

    private static bool IsCheaper(SchedulingDecision candidate, SchedulingDecision best)
    {
        if (candidate.TotalBits != best.TotalBits)
        {
            return candidate.TotalBits < best.TotalBits;
        }

        return candidate.TotalFlops < best.TotalFlops;
    }
}
