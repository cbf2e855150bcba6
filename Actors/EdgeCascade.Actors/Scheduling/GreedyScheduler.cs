using EdgeCascade.Actors.Policies;

namespace EdgeCascade.Actors.Scheduling;

/// <summary>
/// A myopic comparison baseline: hop by hop from the source, send the level with the fewest
/// predicted bits that fits the hop's link and the sending node's compute and memory.
/// </summary>
/// <remarks>
/// <para>At hop j (0-based) of n_q the candidates are the levels below the previous hop's level that
/// still leave one distinct level for each remaining hop; the last hop always carries d. Candidates
/// are ranked by predicted bits (ties: the higher level), and the first that fits both the link and
/// the sending node wins. When none fits, the candidate with the smallest worst utilisation is taken
/// and the decision will be infeasible.</para>
/// <para>Minimising each hop's rate pushes the drop to low levels towards the source, so when compute
/// is not binding this reduces to the late policy; compute budgets at the sender are what make it
/// choose otherwise. The destination's load (D^d, g_s^d) is the same for every policy and is not
/// part of the choice.</para>
/// </remarks>
public sealed class GreedyScheduler : IPolicyScheduler
{
    /// <inheritdoc/>
    public PolicyKind Kind => PolicyKind.Greedy;

    /// <inheritdoc/>
    public string Name => "greedy";

    /// <inheritdoc/>
    public SchedulingDecision Choose(SchedulingRequest request, IHopCostModel costModel)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(costModel);
        request.Validate();
        var hops = request.Transmissions;
        var chosen = new List<int>(hops);
        var notes = new List<string>(hops);
        var previous = request.SourceLevel + 1;
        for (var hop = 0; hop < hops; hop++)
        {
            var lowest = request.TargetLevel + (hops - 1 - hop);
            var highest = hop == hops - 1 ? request.TargetLevel : previous - 1;
            var candidates = new List<(int Level, double Bits, double Utilisation, bool Fits)>();
            for (var level = highest; level >= lowest; level--)
            {
                var prefix = QuantizationPolicy.FromTransmitLevels(request.SourceLevel, level, [.. chosen, level]);
                var bits = costModel.PredictBits(prefix, request.ImageWidth, request.ImageHeight);
                var hopLoad = Budgets.Ratio(bits, request.HopBudgetBits(hop));
                var stage = HopPlan.Create(prefix, request.Path.Take(hop + 2).ToArray()).Stages[hop];
                var node = PolicyAssessor.AssessNode(request, costModel, hop, stage.Operations);
                var utilisation = Math.Max(hopLoad, Math.Max(node.ComputeUtilisation, node.MemoryUtilisation));
                candidates.Add((level, bits, utilisation, utilisation <= 1.0));
            }

            // Stable order: bits ascending; equal bits keep the higher level (listed first).
            var fitting = candidates.Where(c => c.Fits).OrderBy(c => c.Bits).ToList();
            var pick = fitting.Count > 0 ? fitting[0] : candidates.OrderBy(c => c.Utilisation).First();
            string note;
            if (fitting.Count == 0)
            {
                note = PolicyAssessor.Invariant($"hop {hop}: level {pick.Level} (nothing fits; least over budget at {pick.Utilisation:P0})");
            }
            else
            {
                note = hop == hops - 1
                    ? PolicyAssessor.Invariant($"hop {hop}: level {pick.Level} (the target)")
                    : PolicyAssessor.Invariant($"hop {hop}: level {pick.Level} ({pick.Bits:G4} bits, cheapest that fits)");
            }

            chosen.Add(pick.Level);
            notes.Add(note);
            previous = pick.Level;
        }

        var policy = QuantizationPolicy.FromTransmitLevels(request.SourceLevel, request.TargetLevel, chosen);
        var decision = PolicyAssessor.Assess(request, costModel, policy);
        var verdict = decision.Feasible ? decision.Reason : $"does not fit: {decision.Reason}";
        return decision with { Reason = $"greedy {string.Join(", ", notes)}; {verdict}" };
    }
}
