using EdgeCascade.Actors.Policies;

namespace EdgeCascade.Actors.Scheduling;

/// <summary>Factory for the scheduler of each <see cref="PolicyKind"/>.</summary>
public static class PolicySchedulers
{
    /// <summary>
    /// The scheduler for <paramref name="kind"/>: Edge gives the budget-aware <see cref="EdgeFirstScheduler"/>,
    /// Late and Uniform give <see cref="FixedPolicyScheduler"/>, Greedy the <see cref="GreedyScheduler"/>,
    /// and Oracle an <see cref="OracleScheduler"/> over <paramref name="oracleScore"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Oracle without a score.</exception>
    public static IPolicyScheduler Create(PolicyKind kind, Func<QuantizationPolicy, double>? oracleScore = null) => kind switch
    {
        PolicyKind.Edge => new EdgeFirstScheduler(),
        PolicyKind.Late or PolicyKind.Uniform => new FixedPolicyScheduler(kind),
        PolicyKind.Greedy => new GreedyScheduler(),
        PolicyKind.Oracle => new OracleScheduler(
            oracleScore ?? throw new ArgumentException("the oracle scheduler needs an evaluation function", nameof(oracleScore))),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown policy kind"),
    };
}
