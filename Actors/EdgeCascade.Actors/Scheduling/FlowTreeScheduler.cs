using EdgeCascade.Actors.Policies;

namespace EdgeCascade.Actors.Scheduling;

/// <summary>
/// Chooses π for all the flows of one source together. HCF's setting is one captured image that several destinations
/// need at different qualities: the source encodes it once (g_a^s at the highest source level its flows need), flows
/// whose plans agree on their first hops carry one latent over those links, and the node where they stop agreeing
/// forks it (<c>NodeActor</c>). This scheduler makes the plans agree where it can.
/// </summary>
/// <remarks>
/// <para>
/// Flows are planned one after the other, highest target level first (the flow that needs the most quality fixes the
/// levels of the links it shares; a flow that needs less can always continue from them), then shortest path first,
/// then in the given order. The first flow gets the per-flow scheduler's choice. Each later flow looks for the planned
/// flow it shares the longest path prefix with and keeps that flow's levels on the shared hops when its own target
/// allows: every shared hop must carry at least its target level, and its last hop exactly its target. Its remaining
/// hops are chosen among all non-increasing level sequences (a repeated level is a pass-through relay): a plan that
/// fits every budget first, then the one closest to the per-flow scheduler's own choice (fewest transmitted levels
/// added or removed), then the fewest predicted bits on its own hops, then enumeration order.
/// </para>
/// <para>
/// When no agreeing plan fits but the flow's own choice does, the flow keeps its own choice and shares only what
/// agrees by itself (the reason says so). Budgets are checked per flow, as for a flow alone: a shared link's load is
/// counted in each flow's check, which errs on the safe side.
/// </para>
/// </remarks>
public sealed class FlowTreeScheduler
{
    /// <summary>Candidates examined per flow at most; a suffix of more hops is cut to the first ones in enumeration order.</summary>
    public const int MaxCandidates = 4096;

    private readonly IPolicyScheduler _flowScheduler;

    /// <param name="flowScheduler">The rule for each flow on its own (edge-first, late, greedy, oracle ...).</param>
    public FlowTreeScheduler(IPolicyScheduler flowScheduler)
    {
        ArgumentNullException.ThrowIfNull(flowScheduler);
        _flowScheduler = flowScheduler;
    }

    /// <summary>
    /// One decision per request, in the order given. All requests must start at the same node with the same source
    /// level; <paramref name="flowNames"/> names them in the reasons.
    /// </summary>
    /// <exception cref="ArgumentException">An invalid request, or requests from different sources or source levels.</exception>
    public IReadOnlyList<SchedulingDecision> Choose(IReadOnlyList<SchedulingRequest> requests, IHopCostModel costModel, IReadOnlyList<string> flowNames)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(costModel);
        ArgumentNullException.ThrowIfNull(flowNames);
        if (requests.Count == 0)
        {
            return [];
        }

        if (flowNames.Count != requests.Count)
        {
            throw new ArgumentException($"{flowNames.Count} flow name(s) for {requests.Count} request(s)", nameof(flowNames));
        }

        foreach (var request in requests)
        {
            request.Validate();
            if (!string.Equals(request.Path[0], requests[0].Path[0], StringComparison.Ordinal) || request.SourceLevel != requests[0].SourceLevel)
            {
                throw new ArgumentException(
                    $"the flows of a tree start at one node with one source level; got {requests[0].Path[0]} at s={requests[0].SourceLevel} and {request.Path[0]} at s={request.SourceLevel}",
                    nameof(requests));
            }
        }

        var decisions = new SchedulingDecision[requests.Count];
        var planned = new List<int>(requests.Count);
        var order = Enumerable.Range(0, requests.Count)
            .OrderByDescending(i => requests[i].TargetLevel)
            .ThenBy(i => requests[i].HopCount)
            .ThenBy(i => i)
            .ToArray();
        foreach (var f in order)
        {
            decisions[f] = planned.Count == 0
                ? _flowScheduler.Choose(requests[f], costModel)
                : ChooseFollowing(requests, decisions, planned, f, costModel, flowNames);
            planned.Add(f);
        }

        return decisions;
    }

    private SchedulingDecision ChooseFollowing(
        IReadOnlyList<SchedulingRequest> requests,
        SchedulingDecision[] decisions,
        List<int> planned,
        int flow,
        IHopCostModel costModel,
        IReadOnlyList<string> flowNames)
    {
        var request = requests[flow];
        var own = _flowScheduler.Choose(request, costModel);
        var (partner, shared) = BestPartner(request, decisions, planned);
        if (shared == 0)
        {
            return own;
        }

        var prefix = decisions[partner].Plan.HopLevels.Take(shared).ToArray();
        var sharedHops = string.Join(", ", decisions[partner].Plan.Hops.Take(shared).Select(h => $"{h.From}->{h.To}"));
        if (own.Plan.HopLevels.Take(shared).SequenceEqual(prefix))
        {
            return own with { Reason = $"{own.Reason}; shares {sharedHops} with flow '{flowNames[partner]}'" };
        }

        SchedulingDecision? best = null;
        var bestKey = (Infeasible: 1, Distance: int.MaxValue, Bits: double.PositiveInfinity);
        var ownLevels = own.Policy.TransmitLevels.ToHashSet();
        var examined = 0;
        foreach (var levels in Completions(prefix, request.HopCount, request.TargetLevel))
        {
            if (++examined > MaxCandidates)
            {
                break;
            }

            var policy = QuantizationPolicy.FromTransmitLevels(request.SourceLevel, request.TargetLevel, levels.Distinct());
            var candidate = PolicyAssessor.Assess(request, costModel, HopPlan.Create(policy, request.Path, levels));
            var distance = policy.TransmitLevels.Count(l => !ownLevels.Contains(l)) + ownLevels.Count(l => !policy.IsTransmitted(l));
            var bits = candidate.Hops.Skip(shared).Sum(h => h.PredictedBits);
            var key = (candidate.Feasible ? 0 : 1, distance, bits);
            if (best is null || key.CompareTo(bestKey) < 0)
            {
                best = candidate;
                bestKey = key;
            }
        }

        if (best is null || (!best.Feasible && own.Feasible))
        {
            return own with { Reason = $"{own.Reason}; does not share {sharedHops} with flow '{flowNames[partner]}': no plan that agrees with its levels fits" };
        }

        return best with
        {
            Reason = $"shares {sharedHops} with flow '{flowNames[partner]}' (hop levels {string.Join(", ", best.Plan.HopLevels)}); " +
                $"{_flowScheduler.Name} alone would choose {own.Policy}; {best.Reason}",
        };
    }

    // The planned flow whose levels this flow can follow over the most hops from the source.
    private static (int Partner, int SharedHops) BestPartner(SchedulingRequest request, SchedulingDecision[] decisions, List<int> planned)
    {
        var bestPartner = -1;
        var bestShared = 0;
        foreach (var p in planned)
        {
            var plan = decisions[p].Plan;
            var common = 0;
            while (common < request.HopCount && common < plan.Hops.Count && string.Equals(plan.Path[common + 1], request.Path[common + 1], StringComparison.Ordinal))
            {
                common++;
            }

            // Shorten the shared run until this flow can follow it: no shared hop below its target, its last hop at it.
            while (common > 0)
            {
                var level = plan.Hops[common - 1].Level;
                if (level >= request.TargetLevel && (common < request.HopCount || level == request.TargetLevel))
                {
                    break;
                }

                common--;
            }

            if (common > bestShared)
            {
                bestPartner = p;
                bestShared = common;
            }
        }

        return (bestPartner, bestShared);
    }

    // Every hop-level sequence that starts with prefix, never increases, and ends at the target, in descending
    // lexicographic order (higher levels kept longer first).
    private static IEnumerable<int[]> Completions(int[] prefix, int hopCount, int targetLevel)
    {
        if (prefix.Length == hopCount)
        {
            return [prefix];
        }

        var levels = new int[hopCount];
        prefix.CopyTo(levels, 0);
        return Fill(prefix.Length);

        IEnumerable<int[]> Fill(int hop)
        {
            if (hop == hopCount - 1)
            {
                levels[hop] = targetLevel;
                yield return (int[])levels.Clone();
                yield break;
            }

            for (var level = levels[hop - 1]; level >= targetLevel; level--)
            {
                levels[hop] = level;
                foreach (var completed in Fill(hop + 1))
                {
                    yield return completed;
                }
            }
        }
    }
}
