using EdgeCascade.Actors.Policies;

namespace EdgeCascade.Actors.Scheduling;

/// <summary>
/// A comparison baseline that always picks the same named policy (edge, late or uniform spread) and
/// only reports whether it fits; it never falls back.
/// </summary>
public sealed class FixedPolicyScheduler : IPolicyScheduler
{
    /// <param name="kind">Edge, Late or Uniform.</param>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is Greedy or Oracle.</exception>
    public FixedPolicyScheduler(PolicyKind kind)
    {
        if (kind is not (PolicyKind.Edge or PolicyKind.Late or PolicyKind.Uniform))
        {
            throw new ArgumentException($"{kind} is not a fixed policy", nameof(kind));
        }

        Kind = kind;
    }

    /// <inheritdoc/>
    public PolicyKind Kind { get; }

    /// <inheritdoc/>
    public string Name => Kind.ToString().ToLowerInvariant();

    /// <inheritdoc/>
    public SchedulingDecision Choose(SchedulingRequest request, IHopCostModel costModel)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(costModel);
        request.Validate();
        var policy = QuantizationPolicy.Named(Kind, request.SourceLevel, request.TargetLevel, request.Transmissions);
        var decision = PolicyAssessor.Assess(request, costModel, policy);
        var verdict = decision.Feasible ? decision.Reason : $"does not fit: {decision.Reason}";
        return decision with { Reason = $"fixed {Name} policy; {verdict}" };
    }
}
