using EdgeCascade.Actors.Policies;
using EdgeCascade.Simulation.Engine;
using EdgeCascade.Simulation.Profiles;
using EdgeCascade.Simulation.Reports;
using EdgeCascade.Simulation.Workloads;
using EdgeCascade.Topologies.Model;

namespace EdgeCascade.Simulation.Tests.Engine;

/// <summary>
/// End-to-end runs of <see cref="TestTopologies.Chain"/> with the synthetic profile. Hand computation
/// (policy late = [0,0,1,1]: camera runs g_a^6, φ^intra 6→5, φ^intra 5→4, Q^4E^4 = 4 ops = 4 ms;
/// hop 1 carries 0.4 bpp × 10^4 px = 4,000 bits = 4 ms + 10 ms; relay runs D^4, φ^inter 4→3, Q^3E^3 =
/// 3 ms; hop 2 carries 3,000 bits = 3 ms + 10 ms; cloud runs D^3, g_s^3 = 2 ms):
/// an image on an idle path takes 4 + 4 + 10 + 3 + 3 + 10 + 2 = 36 ms.
/// </summary>
public sealed class SimulationEngineTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ec-sim-tests-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Run_IdlePathPeriodicArrivals_LatencyIsHandComputedSum()
    {
        SimulationSummary summary = Run("default", PolicyKind.Late);

        FlowSummary flow = Assert.Single(summary.Flows);
        Assert.Equal("[0,0,1,1]", flow.PolicyVector);
        Assert.Equal(3, flow.Arrived);
        Assert.Equal(3, flow.Delivered);
        Assert.Equal(0, flow.Dropped);
        Assert.Equal(0.036, flow.LatencyP50Seconds);
        Assert.Equal(0.036, flow.LatencyP99Seconds);
        Assert.Equal(0.036, flow.LatencyMaxSeconds!.Value, 12);
        Assert.Equal(0, flow.DeadlineMisses);
        Assert.Equal(0.3, flow.MeanBpp!.Value, 12);
        Assert.Equal(4000, flow.Hops[0].MeanBits);
        Assert.Equal(3000, flow.Hops[1].MeanBits);
        Assert.Equal(20 + 6 - 0.1, flow.MeanPsnrDb!.Value, 12);
        // Last delivery: third image arrives at 2 s, delivered 36 ms later.
        Assert.Equal(2_036_000_000, summary.SimulatedNs);
    }

    [Fact]
    public void Run_BurstBeyondQueueCapacity_DropsAndCountsDeadlineMiss()
    {
        // 1 ms apart, camera takes 4 ms, its queue holds 1: image 0 runs, image 1 waits, image 2 is dropped.
        // Image 1: camera 4-8 ms, hop 1 waits for image 0 (4-8) so 8-12, relay 22-25, hop 2 25-28, cloud 38-40:
        // latency 40 - 1 = 39 ms > 38 ms deadline.
        SimulationSummary summary = Run("burst", PolicyKind.Late);

        FlowSummary flow = Assert.Single(summary.Flows);
        Assert.Equal(2, flow.Delivered);
        Assert.Equal(1, flow.DroppedQueueFull);
        Assert.Equal(1, flow.DeadlineMisses);
        Assert.Equal(0.036, flow.LatencyP50Seconds);
        Assert.Equal(0.039, flow.LatencyP95Seconds);
        Assert.Equal(0.0375, flow.LatencyMeanSeconds!.Value, 12);
        NodeSummary camera = summary.Nodes[0];
        Assert.Equal(1, camera.MaxQueueLength);
        Assert.Equal(2, camera.Jobs);
    }

    [Fact]
    public void Run_BurstWithOutputs_ImagesCsvHasOneRowPerFinishedImage()
    {
        string dir = Path.Combine(_root, "burst");
        Run("burst", PolicyKind.Late, outDir: dir);

        string[] lines = File.ReadAllLines(Path.Combine(dir, "images.csv"));
        Assert.Equal(ImageCsvWriter.Header, lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Contains("f,2,0,0.002,,,,0;0,,,queue_full,camera", lines);
        Assert.Contains("f,0,0,0,0.036,0.036,false,4000;3000,25.9,,,", lines);
        Assert.Contains("f,1,0,0.001,0.04,0.039,true,4000;3000,25.9,,,", lines);
        Assert.True(File.Exists(Path.Combine(dir, "nodes.csv")));
        Assert.True(File.Exists(Path.Combine(dir, "links.csv")));
        Assert.StartsWith("{", File.ReadAllText(Path.Combine(dir, "summary.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SameSeedTwice_OutputFilesByteIdentical()
    {
        string first = Path.Combine(_root, "a");
        string second = Path.Combine(_root, "b");
        Run("random", PolicyKind.Edge, outDir: first, images: 4);
        Run("random", PolicyKind.Edge, outDir: second, images: 4);

        foreach (string file in new[] { "summary.json", "images.csv", "nodes.csv", "links.csv" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(first, file)), File.ReadAllBytes(Path.Combine(second, file)));
        }
    }

    [Fact]
    public async Task Run_TwoRunsSideBySide_OutputFilesByteIdenticalToASoloRun()
    {
        // Each run has its own ActorSystem, clock and loop: running two at once on two threads changes nothing.
        string solo = Path.Combine(_root, "solo");
        Run("random", PolicyKind.Edge, outDir: solo, images: 40);
        string left = Path.Combine(_root, "left");
        string right = Path.Combine(_root, "right");
        await Task.WhenAll(
            Task.Run(() => Run("random", PolicyKind.Edge, outDir: left, images: 40)),
            Task.Run(() => Run("random", PolicyKind.Edge, outDir: right, images: 40)));

        foreach (string file in new[] { "summary.json", "images.csv", "nodes.csv", "links.csv" })
        {
            byte[] expected = File.ReadAllBytes(Path.Combine(solo, file));
            Assert.Equal(expected, File.ReadAllBytes(Path.Combine(left, file)));
            Assert.Equal(expected, File.ReadAllBytes(Path.Combine(right, file)));
        }
    }

    [Fact]
    public void Run_ScenarioResolution_BitsAndGpuTimeScaleWithThePixelCount()
    {
        // The synthetic profile is measured at 100x100; 200x100 has twice the pixels.
        SimulationSummary native = Run("default", PolicyKind.Late);
        SimulationSummary wide = Run("wide", PolicyKind.Late);

        Assert.Equal((200, 100), (wide.ImageWidth, wide.ImageHeight));
        for (int hop = 0; hop < native.Flows[0].Hops.Count; hop++)
        {
            Assert.Equal(2 * native.Flows[0].Hops[hop].MeanBits!.Value, wide.Flows[0].Hops[hop].MeanBits!.Value, 6);
        }

        Assert.Equal(2 * native.Nodes[0].Flops, wide.Nodes[0].Flops, 6);
    }

    [Fact]
    public void Run_LinkTooSlowForTheLoad_StopsAtTheHorizonAsPartialRun()
    {
        // 1 kbit/s (the lowest bandwidth validation accepts) and 2000x2000 frames: one hop takes about 40 minutes,
        // while three arrivals 1 ms apart give a horizon of 60 s.
        var catalog = TestTopologies.Load(TestTopologies.Chain
            .Replace("{ from = camera, to = relay, bandwidth = 1 Mbps", "{ from = camera, to = relay, bandwidth = 1 kbps", StringComparison.Ordinal)
            .Replace("burst { arrival = periodic, rate = 1000, count = 3, seed = 1 }", "burst { arrival = periodic, rate = 1000, count = 3, seed = 1, resolution = 2000x2000 }", StringComparison.Ordinal));
        TopologySpec topology = catalog.Get("chain");
        string outDir = Path.Combine(_root, "slow");
        var engine = new SimulationEngine(topology, topology.Scenario("burst"), catalog.Family, new SimulationOptions
        {
            Policy = PolicyKind.Late,
            Profile = SyntheticProfiles.Uniform(),
            OutputDirectory = outDir,
        });

        SimulationSummary summary = engine.Run();

        Assert.True(engine.HorizonReached);
        Assert.False(summary.Completed);
        Assert.InRange(summary.SimulatedSeconds, 0, 61);
        Assert.True(new FileInfo(Path.Combine(outDir, "nodes.csv")).Length < 1 << 20);
    }

    [Fact]
    public void Run_DifferentSeeds_OutputFilesDiffer()
    {
        string first = Path.Combine(_root, "s1");
        string second = Path.Combine(_root, "s2");
        Run("random", PolicyKind.Edge, outDir: first, images: 4, seed: 1);
        Run("random", PolicyKind.Edge, outDir: second, images: 4, seed: 2);

        Assert.NotEqual(File.ReadAllBytes(Path.Combine(first, "images.csv")), File.ReadAllBytes(Path.Combine(second, "images.csv")));
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(first, "summary.json")), File.ReadAllBytes(Path.Combine(second, "summary.json")));
    }

    [Theory]
    [InlineData(PolicyKind.Edge)]
    [InlineData(PolicyKind.Late)]
    [InlineData(PolicyKind.Uniform)]
    [InlineData(PolicyKind.Greedy)]
    [InlineData(PolicyKind.Oracle)]
    public void Run_EveryPolicyKind_DeliversEveryImage(PolicyKind policy)
    {
        SimulationSummary summary = Run("default", policy);

        Assert.Equal(3, summary.Flows[0].Delivered);
        Assert.Equal(SimulationEngine.PolicyName(policy), summary.Policy);
    }

    [Fact]
    public void Constructor_ProfileOfAnotherFamily_ThrowsProfileExceptionNamingBoth()
    {
        var catalog = TestTopologies.Load(TestTopologies.Chain);
        TopologySpec topology = catalog.Get("chain");

        var error = Assert.Throws<ProfileException>(() => new SimulationEngine(topology, topology.Scenario(), catalog.Family, new SimulationOptions
        {
            Profile = SyntheticProfiles.Uniform(family: "other-family"),
            ProfileSource = "p.json",
        }));

        Assert.Contains("'other-family'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'ec-mshp-v1'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ExactFidelityWithoutCodec_ThrowsSimulationInputException()
    {
        var catalog = TestTopologies.Load(TestTopologies.Chain);
        TopologySpec topology = catalog.Get("chain");

        Assert.Throws<SimulationInputException>(() => new SimulationEngine(topology, topology.Scenario(), catalog.Family, new SimulationOptions
        {
            Fidelity = SimulationFidelity.Exact,
        }));
    }

    [Fact]
    public void Run_CancelledBeforeStart_WritesValidPartialOutputs()
    {
        string dir = Path.Combine(_root, "cancelled");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        SimulationSummary summary = Run("random", PolicyKind.Edge, outDir: dir, images: 100_000, cancel: cancel.Token);

        Assert.False(summary.Completed);
        Assert.True(summary.Arrived < 100_000);
        Assert.Equal(summary.Arrived, summary.Flows[0].Delivered + summary.Flows[0].Dropped + summary.Flows[0].InFlight);
        Assert.Equal(ImageCsvWriter.Header, File.ReadLines(Path.Combine(dir, "images.csv")).First());
        Assert.Contains("\"completed\": false", File.ReadAllText(Path.Combine(dir, "summary.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_TraceArrivalsRelativeToBaseDirectory_ReplaysTraceTimes()
    {
        Directory.CreateDirectory(_root);
        File.WriteAllText(Path.Combine(_root, "arrivals.txt"), "# seconds\n0\n0.5\n2\n");
        var catalog = TestTopologies.Load(TestTopologies.Chain);
        TopologySpec topology = catalog.Get("chain");
        var engine = new SimulationEngine(topology, topology.Scenario("traced"), catalog.Family, new SimulationOptions
        {
            Policy = PolicyKind.Late,
            Profile = SyntheticProfiles.Uniform(),
            BaseDirectory = _root,
        });

        SimulationSummary summary = engine.Run();

        Assert.Equal(3, summary.Flows[0].Delivered);
        Assert.Equal(0.036, summary.Flows[0].LatencyMaxSeconds!.Value, 12);
        Assert.Equal(2_036_000_000, summary.SimulatedNs);
    }

    [Fact]
    public void Constructor_TraceWithBadLine_ThrowsNamingTheLine()
    {
        Directory.CreateDirectory(_root);
        File.WriteAllText(Path.Combine(_root, "arrivals.txt"), "0\n0.5\nlater\n");
        var catalog = TestTopologies.Load(TestTopologies.Chain);
        TopologySpec topology = catalog.Get("chain");

        var error = Assert.Throws<TraceFileException>(() => new SimulationEngine(topology, topology.Scenario("traced"), catalog.Family, new SimulationOptions
        {
            Profile = SyntheticProfiles.Uniform(),
            BaseDirectory = _root,
        }));

        Assert.Contains("arrivals.txt:3:", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static SimulationSummary Run(string scenario, PolicyKind policy, string? outDir = null, int? images = null, long? seed = null, CancellationToken cancel = default)
    {
        var catalog = TestTopologies.Load(TestTopologies.Chain);
        TopologySpec topology = catalog.Get("chain");
        var engine = new SimulationEngine(topology, topology.Scenario(scenario), catalog.Family, new SimulationOptions
        {
            Policy = policy,
            Profile = scenario == "random" ? SyntheticProfiles.Uniform(images: 4, spread: 0.05) : SyntheticProfiles.Uniform(),
            OutputDirectory = outDir,
            ImageCount = images,
            Seed = seed,
        });
        return engine.Run(progress: null, cancel);
    }
}
