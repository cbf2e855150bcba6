namespace EdgeCascade.Actors.Policies;

/// <summary>
/// A policy mapped onto a flow's path: which operators each node runs and which level crosses
/// each hop. The cascade executor runs the stages; the simulator's cost model charges them.
/// </summary>
/// <remarks>
/// A policy is chosen per flow with n_q equal to the number of hops, and the i-th transmitted level
/// goes over the i-th hop. Walking π from level s down to d (HCF Eqs. 6-10):
/// <code>
/// source:       g_a^s
/// level k, π_k=0:  φ^intra_{k→k−1}                    (on the current node)
/// level k, π_k=1:  Q^k,E^k  ──hop──▶  D^k, φ^inter_{k→k−1}   (φ^inter only when k > d)
/// destination:  D^d, g_s^d
/// </code>
/// E.g. s=4, d=1, π=[1,0,0,1] over source → relay → sink gives
/// source: g_a^4, Q^4,E^4; relay: D^4, φ^inter_{4→3}, φ^intra_{3→2}, φ^intra_{2→1}, Q^1,E^1; sink: D^1, g_s^1.
/// Every stage consumes and produces a bitstream or a latent, never pixels, except g_a and g_s.
/// </remarks>
public sealed class HopPlan
{
    private HopPlan(QuantizationPolicy policy, IReadOnlyList<string> path, NodeStage[] stages, HopTransmission[] hops)
    {
        Policy = policy;
        Path = path;
        Stages = stages;
        Hops = hops;
    }

    /// <summary>The policy this plan executes.</summary>
    public QuantizationPolicy Policy { get; }

    /// <summary>Node names, source first, destination last.</summary>
    public IReadOnlyList<string> Path { get; }

    /// <summary>One stage per node of <see cref="Path"/>, in path order.</summary>
    public IReadOnlyList<NodeStage> Stages { get; }

    /// <summary>One transmission per hop, in path order.</summary>
    public IReadOnlyList<HopTransmission> Hops { get; }

    /// <summary>Maps <paramref name="policy"/> onto <paramref name="path"/> (source first, destination last).</summary>
    /// <remarks>
    /// The i-th transmitted level goes over the i-th hop; hops beyond n_q pass through: the relays after the last
    /// transmission forward its bitstream unchanged, so the lowest transmitted level (the cheapest bitstream) crosses
    /// the extra links. <see cref="Create(QuantizationPolicy, IReadOnlyList{string}, IReadOnlyList{int})"/> places the
    /// pass-through hops elsewhere.
    /// </remarks>
    /// <exception cref="ArgumentException">
    /// The path has fewer than two nodes, repeats a node, or has fewer hops than n_q.
    /// </exception>
    public static HopPlan Create(QuantizationPolicy policy, IReadOnlyList<string> path)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(path);
        CheckPath(policy, path);
        var hopLevels = new int[path.Count - 1];
        for (var i = 0; i < hopLevels.Length; i++)
        {
            hopLevels[i] = policy.TransmitLevels[Math.Min(i, policy.NQ - 1)];
        }

        return Build(policy, path, hopLevels);
    }

    /// <summary>
    /// Maps <paramref name="policy"/> onto <paramref name="path"/> with the level of every hop given: a non-increasing
    /// sequence whose distinct values are π's transmitted levels. A hop that carries the same level as the hop before
    /// it starts at a pass-through relay, which forwards the bitstream as is. Flows that share their first hops with
    /// another flow of the same source use this to carry one latent on the shared links (a level above their own d
    /// can pass through a relay where the other flow needs it).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The path is invalid, the count of levels differs from the hop count, or the levels are not π's transmitted
    /// levels in non-increasing order.
    /// </exception>
    public static HopPlan Create(QuantizationPolicy policy, IReadOnlyList<string> path, IReadOnlyList<int> hopLevels)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(hopLevels);
        CheckPath(policy, path);
        if (hopLevels.Count != path.Count - 1)
        {
            throw new ArgumentException($"{hopLevels.Count} hop level(s) for a path of {path.Count - 1} hop(s)", nameof(hopLevels));
        }

        for (var i = 1; i < hopLevels.Count; i++)
        {
            if (hopLevels[i] > hopLevels[i - 1])
            {
                throw new ArgumentException($"hop levels must not increase along the path, got {string.Join(", ", hopLevels)}", nameof(hopLevels));
            }
        }

        if (!hopLevels.Distinct().SequenceEqual(policy.TransmitLevels))
        {
            throw new ArgumentException(
                $"hop levels {string.Join(", ", hopLevels)} do not carry exactly the transmitted levels {string.Join(", ", policy.TransmitLevels)} of policy {policy}",
                nameof(hopLevels));
        }

        return Build(policy, path, [.. hopLevels]);
    }

    /// <summary>
    /// True when stage <paramref name="stageIndex"/> of this plan and of <paramref name="other"/> run on the same node
    /// with the same operators and send the same level to the same next node (or both end there): two flows of one
    /// source whose plans agree up to a stage carry one latent up to it, and fork at the first stage where they do not.
    /// </summary>
    public bool AgreesAt(HopPlan other, int stageIndex)
    {
        ArgumentNullException.ThrowIfNull(other);
        var mine = Stages[stageIndex];
        var theirs = other.Stages[stageIndex];
        if (!string.Equals(mine.Node, theirs.Node, StringComparison.Ordinal)
            || mine.TransmittedLevel != theirs.TransmittedLevel
            || !mine.Operations.SequenceEqual(theirs.Operations))
        {
            return false;
        }

        return mine.IsDestination
            ? theirs.IsDestination
            : !theirs.IsDestination && string.Equals(Path[stageIndex + 1], other.Path[stageIndex + 1], StringComparison.Ordinal);
    }

    /// <summary>The level each hop carries, in path order.</summary>
    public IReadOnlyList<int> HopLevels => Hops.Select(h => h.Level).ToArray();

    private static void CheckPath(QuantizationPolicy policy, IReadOnlyList<string> path)
    {
        if (path.Count < 2)
        {
            throw new ArgumentException($"a path needs a source and a destination, got {path.Count} node(s)", nameof(path));
        }

        if (path.Distinct(StringComparer.Ordinal).Count() != path.Count)
        {
            throw new ArgumentException($"path repeats a node: {string.Join(" -> ", path)}", nameof(path));
        }

        var hopCount = path.Count - 1;
        if (policy.NQ > hopCount)
        {
            throw new ArgumentException(
                $"policy {policy} has n_q = {policy.NQ} transmissions but the path {string.Join(" -> ", path)} has {hopCount} hop(s); " +
                "choose the policy from Π(s,d;n_q) with n_q at most the hop count",
                nameof(policy));
        }
    }

    // Walks π from s down to d; a transmitted level crosses every hop that carries it, and the relays inside such a
    // run of hops get no operator (pass-through).
    private static HopPlan Build(QuantizationPolicy policy, IReadOnlyList<string> path, int[] hopLevels)
    {
        var hopCount = path.Count - 1;
        var operations = new List<StageOp>[path.Count];
        for (var i = 0; i < operations.Length; i++)
        {
            operations[i] = [];
        }

        var hops = new HopTransmission[hopCount];
        var node = 0;
        operations[0].Add(StageOp.Analysis(policy.SourceLevel));
        for (var level = policy.SourceLevel; level >= policy.TargetLevel; level--)
        {
            if (policy.IsTransmitted(level))
            {
                operations[node].Add(StageOp.QuantizeEncode(level));
                while (node < hopCount && hopLevels[node] == level)
                {
                    hops[node] = new HopTransmission(node, path[node], path[node + 1], level);
                    node++;
                }

                operations[node].Add(StageOp.Decode(level));
                if (level > policy.TargetLevel)
                {
                    operations[node].Add(StageOp.InterTransform(level));
                }
            }
            else
            {
                operations[node].Add(StageOp.IntraTransform(level));
            }
        }

        operations[node].Add(StageOp.Synthesis(policy.TargetLevel));
        var stages = new NodeStage[path.Count];
        for (var i = 0; i < stages.Length; i++)
        {
            stages[i] = new NodeStage(
                i,
                path[i],
                i == 0 ? null : hops[i - 1].Level,
                i == hopCount ? null : hops[i].Level,
                operations[i].AsReadOnly());
        }

        return new HopPlan(policy, [.. path], stages, hops);
    }

    /// <summary>Maps <paramref name="policy"/> onto an anonymous path of n_q hops named <c>node0</c>, <c>node1</c>, ….</summary>
    public static HopPlan Create(QuantizationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var names = new string[policy.NQ + 1];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"node{i}");
        }

        return Create(policy, names);
    }

    /// <summary>One line per node, e.g. <c>source: g_a^4, Q^4,E^4</c>.</summary>
    public override string ToString() => string.Join(Environment.NewLine, Stages);
}
