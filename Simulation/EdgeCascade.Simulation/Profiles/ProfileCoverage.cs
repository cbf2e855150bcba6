using EdgeCascade.Actors.Policies;
using EdgeCascade.Topologies.Model;

namespace EdgeCascade.Simulation.Profiles;

/// <summary>Which cascades a topology's flows need from a simulation profile, and which of them it lacks.</summary>
public static class ProfileCoverage
{
    /// <summary>
    /// (s, d, n_q) per flow: one transmission per hop, at most one per level (extra hops pass through). Every policy
    /// of Π(s, d; n_q) is needed, since the schedulers compare them all. The flows of a source with several flows start
    /// at the highest source level among them (one encode per image), and may follow another flow's levels on shared
    /// hops with fewer transmissions (FlowTreeScheduler), so every n_q up to theirs is needed.
    /// </summary>
    public static IReadOnlyList<(int Source, int Target, int Hops)> Needed(TopologySpec topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return topology.Flows
            .GroupBy(f => f.Source, StringComparer.Ordinal)
            .SelectMany(tree =>
            {
                int source = tree.Max(f => f.SourceLevel);
                return tree.Count() == 1
                    ? tree.Select(f => (f.SourceLevel, f.TargetLevel, f.Transmissions))
                    : tree.SelectMany(f => Enumerable.Range(1, Math.Min(f.HopCount, source - f.TargetLevel + 1))
                        .Select(n => (source, f.TargetLevel, n)));
            })
            .Distinct()
            .Order()
            .ToList();
    }

    /// <summary>Every policy of <paramref name="cascades"/> that <paramref name="profile"/> has no cascade entry for, in a fixed order.</summary>
    public static IReadOnlyList<QuantizationPolicy> MissingPolicies(SimulationProfile profile, IEnumerable<(int Source, int Target, int Hops)> cascades)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(cascades);
        var present = profile.Cascades.Select(c => (c.SourceLevel, c.TargetLevel, c.Policy)).ToHashSet();
        return cascades.Distinct().Order()
            .SelectMany(c => PolicySpace.Enumerate(c.Source, c.Target, c.Hops))
            .Where(p => !present.Contains((p.SourceLevel, p.TargetLevel, p.ToString())))
            .ToList();
    }
}
