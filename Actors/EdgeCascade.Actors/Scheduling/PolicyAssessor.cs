using System.Globalization;
using EdgeCascade.Actors.Policies;

namespace EdgeCascade.Actors.Scheduling;

/// <summary>Predicts the per-hop and per-node loads of a policy against a request's budgets.</summary>
public static class PolicyAssessor
{
    /// <summary>
    /// The loads of <paramref name="policy"/> for <paramref name="request"/>. The returned decision's
    /// <see cref="SchedulingDecision.Reason"/> states the fit or the binding constraint.
    /// </summary>
    /// <exception cref="ArgumentException">The request is invalid or the policy does not match it.</exception>
    public static SchedulingDecision Assess(SchedulingRequest request, IHopCostModel costModel, QuantizationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(costModel);
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.SourceLevel != request.SourceLevel || policy.TargetLevel != request.TargetLevel)
        {
            throw new ArgumentException(
                $"policy {policy} spans levels {policy.SourceLevel}..{policy.TargetLevel} but the flow needs {request.SourceLevel}..{request.TargetLevel}",
                nameof(policy));
        }

        return Assess(request, costModel, HopPlan.Create(policy, request.Path));
    }

    /// <summary>
    /// The loads of <paramref name="plan"/> (a policy with the level of every hop placed, see
    /// <see cref="HopPlan.Create(QuantizationPolicy, IReadOnlyList{string}, IReadOnlyList{int})"/>) for <paramref name="request"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The plan's levels or path differ from the request's.</exception>
    public static SchedulingDecision Assess(SchedulingRequest request, IHopCostModel costModel, HopPlan plan)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(costModel);
        ArgumentNullException.ThrowIfNull(plan);
        var policy = plan.Policy;
        if (policy.SourceLevel != request.SourceLevel || policy.TargetLevel != request.TargetLevel || !plan.Path.SequenceEqual(request.Path, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"plan {policy} over {string.Join(" -> ", plan.Path)} does not match the flow's levels {request.SourceLevel}..{request.TargetLevel} over {string.Join(" -> ", request.Path)}",
                nameof(plan));
        }

        var hops = new HopLoad[plan.Hops.Count];
        foreach (var hop in plan.Hops)
        {
            var bits = costModel.PredictBits(policy.Prefix(hop.Level), request.ImageWidth, request.ImageHeight);
            hops[hop.Index] = new HopLoad(hop.Index, hop.From, hop.To, hop.Level, bits, request.HopBudgetBits(hop.Index));
        }

        var nodes = new NodeLoad[plan.Stages.Count];
        foreach (var stage in plan.Stages)
        {
            nodes[stage.Index] = AssessNode(request, costModel, stage.Index, stage.Operations);
        }

        var feasible = hops.All(h => h.Fits) && nodes.All(n => n.Fits);
        var decision = new SchedulingDecision(policy, plan, hops, nodes, feasible, string.Empty);
        return decision with { Reason = feasible ? DescribeFit(decision) : DescribeBindingConstraint(decision) };
    }

    /// <summary>The load of node <paramref name="index"/> of the request's path running <paramref name="operations"/>.</summary>
    public static NodeLoad AssessNode(SchedulingRequest request, IHopCostModel costModel, int index, IEnumerable<StageOp> operations)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(costModel);
        ArgumentNullException.ThrowIfNull(operations);
        var budget = request.Nodes[index];
        double flops = 0;
        long peak = 0;
        foreach (var operation in operations)
        {
            var cost = costModel.Cost(operation, request.ImageWidth, request.ImageHeight);
            flops += cost.Flops;
            peak = Math.Max(peak, cost.PeakMemoryBytes);
        }

        var seconds = Budgets.Ratio(flops, budget.EffectiveFlopsPerSecond);
        return new NodeLoad(index, budget.Name, flops, seconds, request.SecondsPerImage, peak, budget.MemoryBytes);
    }

    /// <summary>"fits every budget (worst utilisation 73%)".</summary>
    public static string DescribeFit(SchedulingDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return Invariant($"{decision.Policy} fits every budget (worst utilisation {decision.WorstUtilisation:P0})");
    }

    /// <summary>The most over-used budget of <paramref name="decision"/>, in words.</summary>
    public static string DescribeBindingConstraint(SchedulingDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var worstHop = decision.Hops.MaxBy(h => h.Utilisation)!;
        var worstCompute = decision.Nodes.MaxBy(n => n.ComputeUtilisation)!;
        var worstMemory = decision.Nodes.MaxBy(n => n.MemoryUtilisation)!;
        var hopRatio = worstHop.Utilisation;
        var computeRatio = worstCompute.ComputeUtilisation;
        var memoryRatio = worstMemory.MemoryUtilisation;
        if (hopRatio >= computeRatio && hopRatio >= memoryRatio)
        {
            return Invariant(
                $"{decision.Policy}: hop {worstHop.From}->{worstHop.To} needs {worstHop.PredictedBits:G4} bits at level {worstHop.Level} but carries {worstHop.BudgetBits:G4} per image ({hopRatio:P0})");
        }

        if (computeRatio >= memoryRatio)
        {
            return Invariant(
                $"{decision.Policy}: node {worstCompute.Node} needs {worstCompute.Flops:G4} FLOP = {worstCompute.ComputeSeconds:G4} s per image but has {worstCompute.BudgetSeconds:G4} s ({computeRatio:P0})");
        }

        return Invariant(
            $"{decision.Policy}: node {worstMemory.Node} needs {worstMemory.PeakMemoryBytes} bytes of memory but has {worstMemory.MemoryBytes} ({memoryRatio:P0})");
    }

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
