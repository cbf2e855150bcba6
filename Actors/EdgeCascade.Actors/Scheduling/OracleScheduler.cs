using EdgeCascade.Actors.Policies;

namespace EdgeCascade.Actors.Scheduling;

/// <summary>
/// The exhaustive baseline: scores every policy of Π(s,d;n_q) with a caller-supplied evaluation
/// (e.g. real coding of the image under each policy) and picks the best one that fits the budgets.
/// </summary>
/// <remarks>
/// The score is "lower is better", for instance an RD cost R + λ·D or −PSNR at matched rate; it is
/// called once per policy, in enumeration order. Feasibility is judged with the cost model, as for
/// every scheduler. Ties go to the earlier policy in enumeration order (edge first). When no policy
/// fits, the least-infeasible one is returned, marked infeasible.
/// </remarks>
public sealed class OracleScheduler : IPolicyScheduler
{
    private readonly Func<QuantizationPolicy, double> _score;
    private readonly string _scoreName;

    /// <param name="score">Lower-is-better evaluation of a policy.</param>
    /// <param name="scoreName">What the score is, for the reason text (e.g. <c>RD cost</c>).</param>
    public OracleScheduler(Func<QuantizationPolicy, double> score, string scoreName = "score")
    {
        ArgumentNullException.ThrowIfNull(score);
        ArgumentException.ThrowIfNullOrWhiteSpace(scoreName);
        _score = score;
        _scoreName = scoreName;
    }

    /// <inheritdoc/>
    public PolicyKind Kind => PolicyKind.Oracle;

    /// <inheritdoc/>
    public string Name => "oracle";

    /// <inheritdoc/>
    public SchedulingDecision Choose(SchedulingRequest request, IHopCostModel costModel)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(costModel);
        request.Validate();
        var assessed = PolicySelection.AssessSpace(request, costModel);
        SchedulingDecision? best = null;
        var bestScore = double.PositiveInfinity;
        var feasibleCount = 0;
        foreach (var candidate in assessed)
        {
            var score = _score(candidate.Policy);
            if (double.IsNaN(score))
            {
                throw new InvalidOperationException($"the oracle's {_scoreName} of policy {candidate.Policy} is NaN");
            }

            if (!candidate.Feasible)
            {
                continue;
            }

            feasibleCount++;
            if (best is null || score < bestScore)
            {
                best = candidate;
                bestScore = score;
            }
        }

        if (best is not null)
        {
            return best with
            {
                Reason = PolicyAssessor.Invariant(
                    $"oracle: best {_scoreName} {bestScore:G6} among {feasibleCount} feasible of {assessed.Count} policies; {best.Reason}"),
            };
        }

        var least = PolicySelection.LeastInfeasible(assessed);
        return least with
        {
            Reason = PolicyAssessor.Invariant(
                $"oracle: none of the {assessed.Count} policies fits; least infeasible is {PolicyAssessor.DescribeBindingConstraint(least)}"),
        };
    }
}
