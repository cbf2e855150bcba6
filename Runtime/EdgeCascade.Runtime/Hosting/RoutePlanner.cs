using EdgeCascade.Actors.Nodes;
using EdgeCascade.Actors.Policies;
using EdgeCascade.Actors.Scheduling;
using EdgeCascade.Topologies.Model;

namespace EdgeCascade.Runtime.Hosting;

/// <summary>
/// Maps every flow of a topology onto a fixed HCF policy, the same way on every node, so the source, relays and
/// sink of a flow agree on which operators each of them runs without talking to each other.
/// </summary>
/// <remarks>
/// The policy text is <c>uniform</c> (default), <c>edge</c>, <c>late</c>, or a bit string such as <c>0101</c>
/// (π_s first; its length must be s − d + 1 of the flow and it must transmit once per hop). The chosen bits travel
/// in every envelope, and a node refuses a message planned with other bits.
/// <para>
/// The flows of one source are planned together, as the simulator plans them (<see cref="FlowTreeScheduler"/> over
/// the named policy): the source encodes each image once, at the highest source level among its flows, and a flow
/// that shares its first hops with a flow of a higher target follows that flow's levels on them, so one latent
/// crosses the shared links. A source with one flow, and every flow under a bit-string policy (an explicit π per
/// flow), is planned alone, exactly as before.
/// </para>
/// </remarks>
public static class RoutePlanner
{
    /// <summary>The default policy name.</summary>
    public const string DefaultPolicy = "uniform";

    /// <summary>One route per flow of <paramref name="topology"/>, in flow order.</summary>
    /// <param name="topology">The topology.</param>
    /// <param name="policy">uniform, edge, late, or a bit string.</param>
    /// <param name="imageWidth">Nominal image width the costs are planned for when no image is at hand.</param>
    /// <param name="imageHeight">Nominal image height.</param>
    /// <exception cref="ArgumentException">The policy text is unknown or does not fit a flow.</exception>
    public static IReadOnlyList<FlowRoute> Routes(TopologySpec topology, string? policy = null, int imageWidth = 64, int imageHeight = 64)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var plans = new HopPlan[topology.Flows.Count];
        PolicyKind? named = NamedKind(policy);
        foreach (int[] tree in SourceTrees(topology))
        {
            if (tree.Length == 1 || named is null)
            {
                foreach (int i in tree)
                {
                    FlowSpec flow = topology.Flows[i];
                    plans[i] = HopPlan.Create(Policy(flow, policy), flow.Path);
                }

                continue;
            }

            foreach (int i in tree)
            {
                _ = Policy(topology.Flows[i], policy); // the same one-line error as a flow alone, before the tree is planned
            }

            IReadOnlyList<HopPlan> treePlans = PlanTree(topology, tree, named.Value, imageWidth, imageHeight);
            for (int t = 0; t < tree.Length; t++)
            {
                plans[tree[t]] = treePlans[t];
            }
        }

        var routes = new List<FlowRoute>(topology.Flows.Count);
        for (int i = 0; i < topology.Flows.Count; i++)
        {
            FlowSpec flow = topology.Flows[i];
            long? deadline = flow.Deadline is { } d ? (long)(d.TotalMilliseconds * 1_000_000) : null;
            routes.Add(new FlowRoute(i, flow.Name, plans[i], deadline, imageWidth, imageHeight));
        }

        return routes;
    }

    /// <summary>
    /// The flows of <paramref name="topology"/> grouped by source, each group in flow order, the groups in the order
    /// their first flow is declared; images of one group travel together.
    /// </summary>
    public static IReadOnlyList<int[]> SourceTrees(TopologySpec topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return topology.Flows
            .Select((flow, index) => (flow.Source, index))
            .GroupBy(f => f.Source, StringComparer.Ordinal)
            .Select(g => g.Select(f => f.index).ToArray())
            .ToArray();
    }

    /// <summary>
    /// The policy bits of every flow of <paramref name="flows"/>, in order, as an envelope's <see cref="Transport.Envelope.Policy"/>
    /// carries them: <c>+</c> between flows.
    /// </summary>
    public static string PlanText(IEnumerable<FlowRoute> flows)
    {
        ArgumentNullException.ThrowIfNull(flows);
        return string.Join('+', flows.Select(f => f.Plan.Policy.ToBitString()));
    }

    /// <summary>
    /// <paramref name="envelope"/> made to carry <paramref name="flows"/> (the first as its flow, the rest as riders,
    /// the policy bits of all of them): the one rule for which flows ride on a message, at the source and at a fork.
    /// </summary>
    internal static Transport.Envelope Carrying(Transport.Envelope envelope, IReadOnlyList<FlowRoute> flows) =>
        envelope with
        {
            FlowId = flows[0].Name,
            RiderFlows = flows.Skip(1).Select(f => f.Name).ToArray(),
            Policy = PlanText(flows),
        };

    // The named policy for each flow, planned together: the flows start at the highest source level among them, and
    // FlowTreeScheduler makes the plans agree on the shared hops. Budgets play no part (the runtime runs the named
    // policy as given, as for a flow alone), so the cost model only ranks candidates by level.
    private static IReadOnlyList<HopPlan> PlanTree(TopologySpec topology, int[] tree, PolicyKind kind, int imageWidth, int imageHeight)
    {
        int sourceLevel = tree.Max(i => topology.Flows[i].SourceLevel);
        var requests = tree
            .Select(i => SchedulingRequest.FromTopology(topology, topology.Flows[i], NoBudgetRate, imageWidth, imageHeight) with { SourceLevel = sourceLevel })
            .ToArray();
        string[] names = tree.Select(i => topology.Flows[i].Name).ToArray();
        IReadOnlyList<SchedulingDecision> decisions = new FlowTreeScheduler(new FixedPolicyScheduler(kind)).Choose(requests, LevelRankCostModel.Instance, names);
        return decisions.Select(d => d.Plan).ToArray();
    }

    // One image per ~30 years: every link's per-image budget exceeds any rank the cost model gives.
    private const double NoBudgetRate = 1e-9;

    private static PolicyKind? NamedKind(string? text)
    {
        string name = string.IsNullOrWhiteSpace(text) ? DefaultPolicy : text.Trim();
        return name.ToUpperInvariant() switch
        {
            "UNIFORM" => PolicyKind.Uniform,
            "EDGE" => PolicyKind.Edge,
            "LATE" => PolicyKind.Late,
            _ => null,
        };
    }

    /// <summary>The policy <paramref name="text"/> stands for on <paramref name="flow"/>.</summary>
    /// <exception cref="ArgumentException">Unknown name, malformed bits, or n_q different from the hop count.</exception>
    public static QuantizationPolicy Policy(FlowSpec flow, string? text)
    {
        ArgumentNullException.ThrowIfNull(flow);
        string name = string.IsNullOrWhiteSpace(text) ? DefaultPolicy : text.Trim();
        int hops = flow.Transmissions;
        try
        {
            QuantizationPolicy policy = name.ToUpperInvariant() switch
            {
                "UNIFORM" => QuantizationPolicy.UniformSpread(flow.SourceLevel, flow.TargetLevel, hops),
                "EDGE" => QuantizationPolicy.Edge(flow.SourceLevel, flow.TargetLevel, hops),
                "LATE" => QuantizationPolicy.Late(flow.SourceLevel, flow.TargetLevel, hops),
                _ => QuantizationPolicy.Parse(name, flow.SourceLevel),
            };
            if (policy.NQ > flow.HopCount || policy.TargetLevel != flow.TargetLevel)
            {
                throw new ArgumentException(
                    $"policy {policy} goes {policy.SourceLevel}->{policy.TargetLevel} with {policy.NQ} transmission(s), but flow '{flow.Name}' goes " +
                    $"{flow.SourceLevel}->{flow.TargetLevel} over {hops} hop(s)");
            }

            return policy;
        }
        catch (FormatException error)
        {
            throw new ArgumentException($"--policy '{name}': {error.Message} (use uniform, edge, late or bits such as 0101)", error);
        }
    }

    /// <summary>The route of the flow called <paramref name="flowName"/>, or null.</summary>
    public static FlowRoute? Find(IReadOnlyList<FlowRoute> routes, string flowName)
    {
        ArgumentNullException.ThrowIfNull(routes);
        foreach (FlowRoute route in routes)
        {
            if (string.Equals(route.Name, flowName, StringComparison.Ordinal))
            {
                return route;
            }
        }

        return null;
    }
}
