using EdgeCascade.Actors.Nodes;
using EdgeCascade.Actors.Policies;
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
        var routes = new List<FlowRoute>(topology.Flows.Count);
        for (int i = 0; i < topology.Flows.Count; i++)
        {
            FlowSpec flow = topology.Flows[i];
            QuantizationPolicy chosen = Policy(flow, policy);
            HopPlan plan = HopPlan.Create(chosen, flow.Path);
            long? deadline = flow.Deadline is { } d ? (long)(d.TotalMilliseconds * 1_000_000) : null;
            routes.Add(new FlowRoute(i, flow.Name, plan, deadline, imageWidth, imageHeight));
        }

        return routes;
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
