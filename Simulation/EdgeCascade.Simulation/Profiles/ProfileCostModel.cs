using System.Globalization;
using EdgeCascade.Actors.Nodes;
using EdgeCascade.Actors.Policies;
using EdgeCascade.Actors.Scheduling;

namespace EdgeCascade.Simulation.Profiles;

/// <summary>
/// Profile fidelity: the scheduler's cost model (<see cref="IHopCostModel"/>: mean rates and operator
/// costs) and the node actors' stage executor (<see cref="IStageExecutor"/>: per-image rates and
/// qualities sampled from the profile's empirical values) in one, both read from a measured
/// <see cref="SimulationProfile"/>. FLOPs and memory scale linearly with the pixel count.
/// </summary>
/// <remarks>
/// The image an arrival stands for is its <c>ImageTrace.SampleIndex</c>: every hop's rate and the
/// final PSNR of that arrival come from the same measured image, so they stay consistent. Nothing
/// here is random; the workload draws the sample index from the run's seed. Not thread-safe.
/// </remarks>
public sealed class ProfileCostModel : IHopCostModel, IStageExecutor
{
    private readonly Dictionary<StageOp, OperationProfile> _operations = [];
    private readonly Dictionary<(int Source, string Prefix), EmpiricalValues> _prefixRates = [];
    private readonly Dictionary<(int Source, int Target, string Policy), CascadeProfile> _cascades = [];
    private RouteCosts?[] _routes = [];

    /// <summary>A cost model over <paramref name="profile"/>.</summary>
    public ProfileCostModel(SimulationProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        Profile = profile;
        foreach (LevelProfile level in profile.Levels)
        {
            AddOperations(level.Operations);
            _prefixRates.TryAdd((level.Level, "[1]"), level.BitsPerPixel);
        }

        foreach (CascadeProfile cascade in profile.Cascades)
        {
            AddOperations(cascade.Operations);
            _cascades.TryAdd((cascade.SourceLevel, cascade.TargetLevel, cascade.Policy), cascade);
            QuantizationPolicy policy = ParsePolicy(cascade);
            for (int i = 0; i < cascade.Hops.Count; i++)
            {
                HopProfile hop = cascade.Hops[i];
                _prefixRates[(cascade.SourceLevel, policy.Prefix(hop.Level).ToString())] = hop.BitsPerPixel;
            }
        }
    }

    /// <summary>The profile read.</summary>
    public SimulationProfile Profile { get; }

    /// <summary>Checks the profile was measured for <paramref name="familyId"/>.</summary>
    /// <exception cref="ProfileException">Another family; the message names both and the fix.</exception>
    public static void EnsureFamily(SimulationProfile profile, string familyId, string profileSource)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (!string.Equals(profile.ModelFamily, familyId, StringComparison.Ordinal))
        {
            throw new ProfileException(
                $"{profileSource} was measured for model family '{profile.ModelFamily}' but the topology uses '{familyId}'; " +
                $"build a profile for '{familyId}' with 'edgecascade profile build' or pass the matching --profile FILE");
        }
    }

    /// <summary>The measurements of C(s, d, π) for <paramref name="policy"/>.</summary>
    /// <exception cref="ProfileException">The profile has no such cascade.</exception>
    public CascadeProfile Cascade(QuantizationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return _cascades.TryGetValue((policy.SourceLevel, policy.TargetLevel, policy.ToString()), out CascadeProfile? cascade)
            ? cascade
            : throw new ProfileException(Invariant(
                $"the profile has no cascade s={policy.SourceLevel}, d={policy.TargetLevel}, policy {policy}; rebuild it with 'edgecascade profile build' covering this topology's flows"));
    }

    /// <inheritdoc/>
    public double PredictBits(QuantizationPolicy prefix, int imageWidth, int imageHeight)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return PrefixRate(prefix).Mean * Pixels(imageWidth, imageHeight);
    }

    /// <inheritdoc/>
    public OperationCost Cost(StageOp operation, int imageWidth, int imageHeight)
    {
        OperationProfile measured = Operation(operation);
        double scale = Pixels(imageWidth, imageHeight) / Profile.Pixels;
        return new OperationCost(measured.Flops * scale, (long)Math.Ceiling(measured.PeakMemoryBytes * scale));
    }

    /// <summary>
    /// Resolves everything <paramref name="route"/> needs from the profile now, so a missing entry
    /// fails before the run starts rather than at the first image.
    /// </summary>
    /// <exception cref="ProfileException">A cascade, rate or operator of the route is not in the profile.</exception>
    public void Prepare(FlowRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        _ = Costs(route);
    }

    /// <inheritdoc/>
    public OperationCost Plan(in StageWork work) => work.SharedOperations == 0
        ? Costs(work.Route).StageCosts[work.Stage.Index]
        : StageCost(work.ChargedStage, work.Route.ImageWidth, work.Route.ImageHeight);

    /// <inheritdoc/>
    public StageOutput Execute(in StageWork work)
    {
        RouteCosts costs = Costs(work.Route);
        int sample = work.Image.SampleIndex;
        if (work.Stage.IsDestination)
        {
            double msSsim = costs.MsSsim?.Sample(sample) ?? double.NaN;
            return new StageOutput(0, null, costs.PsnrDb.Sample(sample), msSsim);
        }

        long bits = (long)Math.Round(costs.HopRates[work.Stage.Index]!.Sample(sample) * costs.Pixels);
        return StageOutput.Bitstream(bits);
    }

    private RouteCosts Costs(FlowRoute route)
    {
        if ((uint)route.Index < (uint)_routes.Length && _routes[route.Index] is { } cached && ReferenceEquals(cached.Route, route))
        {
            return cached;
        }

        if (route.Index >= _routes.Length)
        {
            Array.Resize(ref _routes, Math.Max(route.Index + 1, _routes.Length * 2));
        }

        RouteCosts built = Build(route);
        _routes[route.Index] = built;
        return built;
    }

    private RouteCosts Build(FlowRoute route)
    {
        HopPlan plan = route.Plan;
        QuantizationPolicy policy = plan.Policy;
        CascadeProfile cascade = Cascade(policy);
        var stageCosts = new OperationCost[plan.Stages.Count];
        var hopRates = new EmpiricalValues?[plan.Stages.Count];
        for (int i = 0; i < plan.Stages.Count; i++)
        {
            NodeStage stage = plan.Stages[i];
            stageCosts[i] = StageCost(stage, route.ImageWidth, route.ImageHeight);
            if (stage.TransmittedLevel is int level)
            {
                hopRates[i] = PrefixRate(policy.Prefix(level));
            }
        }

        return new RouteCosts(route, stageCosts, hopRates, cascade.PsnrDb, cascade.MsSsim, route.Pixels);
    }

    private OperationCost StageCost(NodeStage stage, int imageWidth, int imageHeight)
    {
        double flops = 0;
        long memory = 0;
        foreach (StageOp operation in stage.Operations)
        {
            OperationCost cost = Cost(operation, imageWidth, imageHeight);
            flops += cost.Flops;
            memory = Math.Max(memory, cost.PeakMemoryBytes);
        }

        return new OperationCost(flops, memory);
    }

    private EmpiricalValues PrefixRate(QuantizationPolicy prefix) =>
        _prefixRates.TryGetValue((prefix.SourceLevel, prefix.ToString()), out EmpiricalValues? rate)
            ? rate
            : throw new ProfileException(Invariant(
                $"the profile has no rate for level {prefix.TargetLevel} after s={prefix.SourceLevel} with policy prefix {prefix}; rebuild it with 'edgecascade profile build' covering this topology's flows"));

    private OperationProfile Operation(StageOp operation) =>
        _operations.TryGetValue(operation, out OperationProfile? measured)
            ? measured
            : throw new ProfileException($"the profile has no cost for operator {operation} ({ProfileJson.OperationName(operation.Kind)} at level {operation.Level.ToString(CultureInfo.InvariantCulture)})");

    private void AddOperations(IReadOnlyList<OperationProfile> operations)
    {
        foreach (OperationProfile operation in operations)
        {
            _operations.TryAdd(operation.Operation, operation);
        }
    }

    private static QuantizationPolicy ParsePolicy(CascadeProfile cascade)
    {
        string inner = cascade.Policy.Trim().TrimStart('[').TrimEnd(']');
        int[] bits = inner.Split(',', StringSplitOptions.TrimEntries).Select(b => int.Parse(b, CultureInfo.InvariantCulture)).ToArray();
        return QuantizationPolicy.FromBits(cascade.SourceLevel, bits);
    }

    private static double Pixels(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        return (double)width * height;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record RouteCosts(
        FlowRoute Route,
        OperationCost[] StageCosts,
        EmpiricalValues?[] HopRates,
        EmpiricalValues PsnrDb,
        EmpiricalValues? MsSsim,
        long Pixels);
}
