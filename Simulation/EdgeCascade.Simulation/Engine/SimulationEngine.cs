using System.Globalization;
using System.Text;
using EdgeCascade.Actors.Budgets;
using Akka.Actor;
using EdgeCascade.Actors.Timing;
using EdgeCascade.Actors.Nodes;
using EdgeCascade.Actors.Policies;
using EdgeCascade.Actors.Scheduling;
using EdgeCascade.Simulation.Compute;
using EdgeCascade.Simulation.Network;
using EdgeCascade.Simulation.Profiles;
using EdgeCascade.Simulation.Reports;
using EdgeCascade.Simulation.Workloads;
using EdgeCascade.Topologies.Model;

namespace EdgeCascade.Simulation.Engine;

/// <summary>
/// Runs one scenario of one topology as a discrete-event simulation: the node actors
/// (<see cref="NodeActor"/>), one <see cref="LinkActor"/> per link and one <see cref="WorkloadActor"/>
/// per source (its flows share each captured image), all Akka.NET actors of one <see cref="SimulationActorSystem"/> per run: virtual time
/// (<see cref="VirtualTimeScheduler"/>) and one deterministic loop (<see cref="DeterministicDispatcher"/>).
/// </summary>
/// <remarks>
/// <para>
/// Construction resolves everything that can be wrong with the inputs (profile family and coverage,
/// trace files, policies), so bad input fails before any event runs. <see cref="Run"/> may be called
/// once. Every random choice comes from streams derived from the seed, so one seed gives
/// byte-identical output files; no wall clock is read.
/// </para>
/// <para>
/// Outputs (when <see cref="SimulationOptions.OutputDirectory"/> is set): summary.json, images.csv
/// (streamed), nodes.csv and links.csv (sampled). Memory does not grow with the image count.
/// </para>
/// </remarks>
public sealed class SimulationEngine
{
    private const int ProgressEverySteps = 1 << 14;

    private readonly TopologySpec _topology;
    private readonly ScenarioSpec _scenario;
    private readonly ModelFamilySpec _family;
    private readonly SimulationOptions _options;
    private readonly IStageExecutor _executor;
    private readonly FlowRoute[] _routes;
    private readonly SchedulingDecision[] _decisions;
    private readonly int[][] _trees;
    private readonly string _schedulerName;
    private readonly IReadOnlyList<long>? _trace;
    private readonly int _sampleCount;
    private bool _ran;

    /// <summary>Prepares a run of <paramref name="scenario"/> on <paramref name="topology"/>.</summary>
    /// <exception cref="SimulationInputException">A profile or codec problem, a bad trace file, or a flow no policy fits.</exception>
    public SimulationEngine(TopologySpec topology, ScenarioSpec scenario, ModelFamilySpec family, SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(options);
        _topology = topology;
        _scenario = scenario;
        _family = family;
        _options = options;
        if (options.ImageCount is < 0)
        {
            throw new SimulationInputException($"the image count must be non-negative, got {options.ImageCount}");
        }

        IHopCostModel costModel;
        Func<QuantizationPolicy, double> oracleScore;
        int width;
        int height;
        ProfileCostModel? profileModel = null;
        if (options.Fidelity == SimulationFidelity.Exact)
        {
            IExactCodec codec = options.ExactCodec ?? throw new SimulationInputException(
                "exact fidelity needs the codec cascade executor, which this build does not provide; use --fidelity profile");
            if (!string.Equals(codec.ModelFamilyId, family.Id, StringComparison.Ordinal))
            {
                throw new SimulationInputException($"the codec weights are model family '{codec.ModelFamilyId}' but the topology uses '{family.Id}'");
            }

            costModel = codec.CostModel;
            oracleScore = codec.OracleScore;
            width = codec.ImageWidth;
            height = codec.ImageHeight;
            if (scenario.Resolution is { } resolution && (resolution.Width != width || resolution.Height != height))
            {
                throw new SimulationInputException(
                    $"scenario '{scenario.Name}' sets resolution = {resolution}, but exact fidelity codes the image set at {width}x{height}; " +
                    "use --fidelity profile (costs scaled to the resolution) or crop the images to that size");
            }
            _sampleCount = codec.ImageCount;
            _executor = new ExactStageExecutor(codec);
        }
        else
        {
            SimulationProfile profile = options.Profile ?? throw new ProfileException(
                $"no simulation profile given; build one with 'edgecascade profile build' or pass --profile FILE");
            ProfileCostModel.EnsureFamily(profile, family.Id, options.ProfileSource);
            profileModel = new ProfileCostModel(profile);
            costModel = profileModel;
            oracleScore = policy => -profileModel.Cascade(policy).PsnrDb.Mean;
            // A camera resolution scales the profile's per-pixel rates, FLOPs and activation memory (ProfileCostModel).
            width = scenario.Resolution?.Width ?? profile.ImageWidth;
            height = scenario.Resolution?.Height ?? profile.ImageHeight;
            _sampleCount = profile.ImageCount;
            _executor = profileModel;
        }

        ImageWidth = width;
        ImageHeight = height;
        Seed = options.Seed ?? scenario.Seed;
        IPolicyScheduler scheduler = PolicySchedulers.Create(options.Policy, oracleScore);
        _schedulerName = scheduler.Name;
        _routes = new FlowRoute[topology.Flows.Count];
        _decisions = new SchedulingDecision[topology.Flows.Count];
        _trees = SourceTrees(topology);
        var treeScheduler = new FlowTreeScheduler(scheduler);
        foreach (int[] tree in _trees)
        {
            // One encode per captured image: the source's flows start from the highest source level any of them needs.
            int sourceLevel = tree.Max(i => topology.Flows[i].SourceLevel);
            var requests = new SchedulingRequest[tree.Length];
            for (int t = 0; t < tree.Length; t++)
            {
                FlowSpec flow = topology.Flows[tree[t]];
                try
                {
                    requests[t] = SchedulingRequest.FromTopology(topology, flow, scenario.RatePerSecond, width, height) with { SourceLevel = sourceLevel };
                    requests[t].Validate();
                    if (tree.Length == 1)
                    {
                        _decisions[tree[t]] = scheduler.Choose(requests[t], costModel);
                    }
                }
                catch (ArgumentException error)
                {
                    throw new SimulationInputException($"flow '{flow.Name}': cannot choose a {PolicyName(options.Policy)} policy: {error.Message}", error);
                }
            }

            if (tree.Length > 1)
            {
                string[] names = tree.Select(i => topology.Flows[i].Name).ToArray();
                try
                {
                    IReadOnlyList<SchedulingDecision> chosen = treeScheduler.Choose(requests, costModel, names);
                    for (int t = 0; t < tree.Length; t++)
                    {
                        _decisions[tree[t]] = chosen[t];
                    }
                }
                catch (ArgumentException error)
                {
                    throw new SimulationInputException(
                        $"flows {string.Join(", ", names.Select(n => $"'{n}'"))} of source '{topology.Flows[tree[0]].Source}': cannot choose {PolicyName(options.Policy)} policies: {error.Message}",
                        error);
                }
            }

            foreach (int i in tree)
            {
                FlowSpec flow = topology.Flows[i];
                _routes[i] = new FlowRoute(i, flow.Name, _decisions[i].Plan, flow.Deadline?.ToNanoseconds(), width, height);
                profileModel?.Prepare(_routes[i]);
            }
        }

        if (scenario.Arrival == ArrivalProcess.Trace)
        {
            string path = scenario.TraceFile ?? throw new SimulationInputException($"scenario '{scenario.Name}' has arrival = trace but no trace file");
            if (!Path.IsPathRooted(path) && options.BaseDirectory is not null)
            {
                path = Path.Combine(options.BaseDirectory, path);
            }

            _trace = TraceFile.Load(path);
        }
    }

    /// <summary>The seed in effect (option, else the scenario's).</summary>
    public long Seed { get; }

    /// <summary>Image width the costs are computed for.</summary>
    public int ImageWidth { get; }

    /// <summary>Image height the costs are computed for.</summary>
    public int ImageHeight { get; }

    /// <summary>The flows as run: index, plan, deadline.</summary>
    public IReadOnlyList<FlowRoute> Routes => _routes;

    /// <summary>The scheduler's decision per flow (policy, predicted loads, feasibility, reason).</summary>
    public IReadOnlyList<SchedulingDecision> Decisions => _decisions;

    /// <summary>The sources with several flows, and the links on which their flows' plans agree (one latent for them).</summary>
    public IReadOnlyList<SourceSharing> SharedSources => _trees
        .Where(tree => tree.Length > 1)
        .Select(tree => new SourceSharing(
            _routes[tree[0]].Plan.Path[0],
            tree.Select(i => _routes[i].Name).ToArray(),
            SharedLinks(tree)))
        .ToArray();

    /// <summary>
    /// True when <see cref="Run"/> stopped at the horizon: ten times the arrival span, and at least the span plus 60 s
    /// of virtual time, with images still in flight. The summary then says <c>completed = false</c>.
    /// </summary>
    public bool HorizonReached { get; private set; }

    /// <summary>Images per flow the workloads generate at most.</summary>
    public long ImagesPerFlow => _options.ImageCount ?? _scenario.ImageCount ?? (_trace is null ? 100 : _trace.Count);

    /// <summary>
    /// Runs to the end (every image delivered or dropped), or until <paramref name="cancellationToken"/>
    /// is cancelled: then the part simulated is summarized and every output file is complete and valid.
    /// </summary>
    public SimulationSummary Run(IProgress<SimulationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (_ran)
        {
            throw new InvalidOperationException("a SimulationEngine runs once; create another for a new run");
        }

        _ran = true;
        string? outDir = _options.OutputDirectory;
        if (outDir is not null)
        {
            Directory.CreateDirectory(outDir);
        }

        using var host = new SimulationActorSystem(Invariant($"simulation-{Seed & 0x7fffffff}"));
        using var recorder = new RunRecorder(_routes, outDir is null ? null : Path.Combine(outDir, "images.csv"));
        using StreamWriter? nodeSeries = outDir is null ? null : OpenCsv(Path.Combine(outDir, "nodes.csv"), TimeSeriesSampler.NodesHeader);
        using StreamWriter? linkSeries = outDir is null ? null : OpenCsv(Path.Combine(outDir, "links.csv"), TimeSeriesSampler.LinksHeader);

        var ports = new LinkActorPort[_topology.Links.Count];
        var linkStats = new LinkStats[_topology.Links.Count];
        for (int i = 0; i < ports.Length; i++)
        {
            LinkSpec link = _topology.Links[i];
            ports[i] = new LinkActorPort(link.From, link.To);
            linkStats[i] = new LinkStats(link, i);
        }

        var budgets = new List<(NodeSpec Node, GpuBudget Budget)>(_topology.Nodes.Count);
        for (int i = 0; i < _topology.Nodes.Count; i++)
        {
            budgets.Add((_topology.Nodes[i], GpuBudget.ForNode(_topology.Nodes[i])));
        }

        host.Start(context => CreateActors(context, budgets, ports, linkStats, recorder, nodeSeries, linkSeries));

        long expected = ImagesPerFlow * _routes.Length;
        bool completed = true;
        long sinceCheck = 0;
        long horizonTicks = HorizonNanoseconds() / TimeSpan.NanosecondsPerTick;
        while (host.Step(horizonTicks))
        {
            if (++sinceCheck < ProgressEverySteps)
            {
                continue;
            }

            sinceCheck = 0;
            progress?.Report(new SimulationProgress(recorder.Finished, expected, host.Events, host.NowNanoseconds));
            if (cancellationToken.IsCancellationRequested)
            {
                completed = false;
                break;
            }
        }

        if (host.Failure is Exception failure)
        {
            throw new InvalidOperationException($"the simulation failed: {failure.Message}", failure);
        }

        if (completed && host.Scheduler.HasDueItems)
        {
            // Work is still scheduled past the horizon (a link or GPU so slow that an image would take longer than the
            // run itself): stop here and report a partial run instead of simulating, and sampling, for ever.
            completed = false;
            HorizonReached = true;
        }

        progress?.Report(new SimulationProgress(recorder.Finished, expected, host.Events, host.NowNanoseconds));
        SimulationSummary summary = Summarize(recorder, budgets, linkStats, completed, host.Events);
        if (outDir is not null)
        {
            File.WriteAllBytes(Path.Combine(outDir, "summary.json"), SummaryJson.ToUtf8(summary));
        }

        return summary;
    }

    // Runs in the root actor's PreStart: nodes first (links need their refs), then links, workloads and the sampler.
    private void CreateActors(
        IUntypedActorContext context,
        List<(NodeSpec Node, GpuBudget Budget)> budgets,
        LinkActorPort[] ports,
        LinkStats[] linkStats,
        RunRecorder recorder,
        StreamWriter? nodeSeries,
        StreamWriter? linkSeries)
    {
        const string dispatcher = SimulationActorSystem.DispatcherId;
        var nodeRefs = new Dictionary<string, IActorRef>(StringComparer.Ordinal);
        for (int i = 0; i < budgets.Count; i++)
        {
            (NodeSpec node, GpuBudget budget) = budgets[i];
            ILinkPort[] outgoing = ports.Where(p => p.From == node.Name).ToArray<ILinkPort>();
            var settings = new NodeActorSettings(node.Name, budget, _executor, _routes, outgoing, recorder);
            nodeRefs[node.Name] = context.ActorOf(NodeActor.Props(settings).WithDispatcher(dispatcher), Invariant($"node-{i}"));
        }

        for (int i = 0; i < ports.Length; i++)
        {
            LinkSpec link = _topology.Links[i];
            var loss = DeterministicRandom.ForStream(Seed, "loss", i);
            ports[i].Bind(context.ActorOf(LinkActor.Props(link, nodeRefs[link.To], linkStats[i], loss).WithDispatcher(dispatcher), Invariant($"link-{i}")));
        }

        long? durationNs = _scenario.Duration?.ToNanoseconds();
        foreach (int[] tree in _trees)
        {
            // A source's streams are named after its first flow, so a source with one flow draws what it always drew.
            int first = tree[0];
            var workload = new WorkloadSettings(
                tree.Select(i => _routes[i]).ToArray(),
                nodeRefs[_routes[first].Plan.Path[0]],
                Arrivals(first),
                ImagesPerFlow,
                durationNs,
                DeterministicRandom.ForStream(Seed, "samples", first),
                _sampleCount,
                recorder);
            context.ActorOf(WorkloadActor.Props(workload).WithDispatcher(dispatcher), Invariant($"workload-{first}"));
        }

        if (nodeSeries is not null && linkSeries is not null)
        {
            context.ActorOf(
                TimeSeriesSampler.Props(budgets, linkStats, recorder, SampleIntervalNs(), nodeSeries, linkSeries).WithDispatcher(dispatcher),
                "sampler");
        }
    }

    // Hop h of flow a carries the same latent as hop h of flow b while both paths and every stage up to h agree.
    private string[] SharedLinks(int[] tree)
    {
        var shared = new List<string>();
        for (int a = 0; a < tree.Length; a++)
        {
            for (int b = a + 1; b < tree.Length; b++)
            {
                HopPlan planA = _routes[tree[a]].Plan;
                HopPlan planB = _routes[tree[b]].Plan;
                for (int h = 0; h < Math.Min(planA.Hops.Count, planB.Hops.Count) && planA.AgreesAt(planB, h); h++)
                {
                    string link = $"{planA.Hops[h].From}->{planA.Hops[h].To}";
                    if (!shared.Contains(link))
                    {
                        shared.Add(link);
                    }
                }
            }
        }

        return [.. shared];
    }

    // The flows of each source, in the topology's order (sources ordered by their first flow).
    private static int[][] SourceTrees(TopologySpec topology) => topology.Flows
        .Select((flow, index) => (flow.Source, index))
        .GroupBy(f => f.Source, StringComparer.Ordinal)
        .Select(g => g.Select(f => f.index).ToArray())
        .ToArray();

    private IArrivalProcess Arrivals(int flowIndex) => _scenario.Arrival switch
    {
        ArrivalProcess.Poisson => new PoissonArrivals(_scenario.RatePerSecond, DeterministicRandom.ForStream(Seed, "arrivals", flowIndex)),
        ArrivalProcess.Trace => new TraceArrivals(_trace!),
        _ => new PeriodicArrivals(_scenario.RatePerSecond),
    };

    // The progress guarantee: every step moves virtual time forward or runs messages, and the run never goes past this.
    private long HorizonNanoseconds()
    {
        double span = ArrivalSpanSeconds();
        double seconds = Math.Max(10 * span, span + 60);
        return seconds >= long.MaxValue / 1e9 ? long.MaxValue : (long)(seconds * 1e9);
    }

    private double ArrivalSpanSeconds() => _scenario.Duration?.TotalSeconds
        ?? (_trace is { Count: > 0 } ? _trace[^1] / 1e9 : ImagesPerFlow / _scenario.RatePerSecond);

    private long SampleIntervalNs()
    {
        if (_options.SampleInterval is TimeSpan interval && interval > TimeSpan.Zero)
        {
            return interval.ToNanoseconds();
        }

        // About 1,000 rows per series over the expected arrival span, never finer than 10 ms.
        double spanSeconds = ArrivalSpanSeconds();
        double seconds = Math.Max(0.01, spanSeconds / 1000.0);
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(seconds)));
        double nice = seconds / magnitude <= 2 ? 2 : seconds / magnitude <= 5 ? 5 : 10;
        return (long)Math.Round(nice * magnitude * 1e9);
    }

    private SimulationSummary Summarize(
        RunRecorder recorder,
        IReadOnlyList<(NodeSpec Node, GpuBudget Budget)> budgets,
        IReadOnlyList<LinkStats> links,
        bool completed,
        long events)
    {
        long end = recorder.LastActivityNs;
        var flows = new List<FlowSummary>(_routes.Length);
        for (int i = 0; i < _routes.Length; i++)
        {
            FlowAccumulator flow = recorder.Flows[i];
            FlowSpec spec = _topology.Flows[i];
            FlowRoute route = _routes[i];
            LatencyHistogram latency = flow.Latency;
            var hops = new List<HopSummary>(route.HopCount);
            for (int h = 0; h < route.HopCount; h++)
            {
                HopTransmission hop = route.Plan.Hops[h];
                double meanBits = flow.HopMeanBits(h);
                hops.Add(new HopSummary(hop.From, hop.To, hop.Level, NullIfNaN(meanBits), NullIfNaN(meanBits / route.Pixels)));
            }

            flows.Add(new FlowSummary(
                spec.Name,
                spec.Source,
                spec.Destination,
                route.Plan.Policy.SourceLevel,
                spec.TargetLevel,
                route.Plan.Policy.ToString(),
                _schedulerName,
                _decisions[i].Feasible,
                flow.Arrived,
                flow.Delivered,
                flow.DroppedQueueFull,
                flow.DroppedMemory,
                flow.DroppedStageFailed,
                flow.Arrived - flow.Finished,
                spec.Deadline?.TotalSeconds,
                flow.DeadlineMisses,
                Seconds(latency.Percentile(50)),
                Seconds(latency.Percentile(95)),
                Seconds(latency.Percentile(99)),
                latency.Count == 0 ? null : latency.Sum / latency.Count / 1e9,
                latency.Count == 0 ? null : latency.Max / 1e9,
                hops.Count == 0 ? null : hops[^1].MeanBpp,
                flow.PsnrCount == 0 ? null : flow.PsnrSum / flow.PsnrCount,
                flow.MsSsimCount == 0 ? null : flow.MsSsimSum / flow.MsSsimCount,
                hops));
        }

        var nodes = budgets.Select(b => new NodeSummary(
            b.Node.Name,
            b.Node.Gpu.Name,
            Formats.Percent(b.Budget.BusySlotNanoseconds(end), (double)end * b.Budget.Concurrency),
            b.Budget.PeakMemoryBytes,
            b.Budget.MaxQueueLength,
            b.Budget.CompletedJobs,
            b.Budget.CompletedFlops)).ToList();
        var linkSummaries = links.Select(l => new LinkSummary(
            l.Spec.Name,
            l.Spec.From,
            l.Spec.To,
            l.Spec.Sharing == LinkSharing.Fifo ? "fifo" : "fair",
            Formats.Percent(l.BusyNanoseconds(end), end),
            l.PayloadBits / 8,
            l.WireBits / 8,
            l.Transfers,
            l.Retransmissions)).ToList();
        return new SimulationSummary(
            _topology.Name,
            _scenario.Name,
            PolicyName(_options.Policy),
            _options.Fidelity == SimulationFidelity.Exact ? "exact" : "profile",
            Seed,
            _family.Id,
            ImageWidth,
            ImageHeight,
            completed,
            end,
            events,
            flows,
            nodes,
            linkSummaries);
    }

    /// <summary>The CLI spelling of a policy kind (edge, late, uniform, greedy, oracle).</summary>
    public static string PolicyName(PolicyKind kind) => kind.ToString().ToLowerInvariant();

    private static StreamWriter OpenCsv(string path, string header)
    {
        var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16) { NewLine = "\n" };
        writer.WriteLine(header);
        return writer;
    }

    private static double? Seconds(long? ns) => ns is long value ? value / 1e9 : null;

    private static double? NullIfNaN(double value) => double.IsFinite(value) ? value : null;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
