using EdgeCascade.Actors.Policies;
using EdgeCascade.Simulation.Engine;
using EdgeCascade.Simulation.Reports;
using EdgeCascade.Topologies.Model;

namespace EdgeCascade.Simulation.Tests.Engine;

/// <summary>
/// <see cref="TestTopologies.Tree"/>: two flows of one camera. Hand computation with the synthetic profile (every
/// operator 1e6 FLOP = 1 ms on the unit GPU; 0.1·k bpp at level k over 10^4 pixels): the monitor (level 5 on the
/// relay, planned first) sends level 5 over its one hop; the archive follows it on that hop, then level 3 to the cloud.
/// The camera runs g_a^6, φ^intra_{6→5}, Q^5,E^5 once per image; the relay decodes level 5 once and forks.
/// </summary>
public sealed class SimulationEngineTreeTests
{
    [Fact]
    public void Run_TwoFlowsOfOneCamera_CameraEncodesEachImageOnce()
    {
        (SimulationSummary summary, _) = Run();

        NodeSummary camera = summary.Nodes.Single(n => n.Name == "camera");
        Assert.Equal(3, camera.Jobs);
        Assert.Equal(3 * 3e6, camera.Flops);
        Assert.All(summary.Flows, f => Assert.Equal(3, f.Delivered));
    }

    [Fact]
    public void Run_SharedFirstHop_CarriesEachImageOnce()
    {
        (SimulationSummary summary, _) = Run();

        LinkSummary shared = summary.Links.Single(l => l.From == "camera");
        Assert.Equal(3, shared.Transfers);
        Assert.Equal(3 * 5_000 / 8, shared.Bytes);
        FlowSummary archive = summary.Flows.Single(f => f.Name == "archive");
        Assert.Equal([5, 3], archive.Hops.Select(h => h.Level));
        Assert.Equal(5_000, archive.Hops[0].MeanBits);
    }

    [Fact]
    public void Run_FlowsDivergeAtTheRelay_DecodeIsChargedOnce()
    {
        (SimulationSummary summary, _) = Run();

        // monitor: D^5, g_s^5 (2 ms); archive: D^5 shared, φ^inter_{5→4}, φ^intra_{4→3}, Q^3,E^3 (3 ms).
        NodeSummary relay = summary.Nodes.Single(n => n.Name == "relay");
        Assert.Equal(6, relay.Jobs);
        Assert.Equal(3 * 5e6, relay.Flops);
    }

    [Fact]
    public void Constructor_TwoFlowsOfOneCamera_ArchiveReasonNamesTheSharedHop()
    {
        (_, SimulationEngine engine) = Run();

        Assert.Contains("shares camera->relay with flow 'monitor'", engine.Decisions[0].Reason, StringComparison.Ordinal);
        Assert.Equal([5, 3], engine.Routes[0].Plan.HopLevels);
    }

    private static (SimulationSummary Summary, SimulationEngine Engine) Run()
    {
        var catalog = TestTopologies.Load(TestTopologies.Tree);
        TopologySpec topology = catalog.Get("tree");
        var engine = new SimulationEngine(topology, topology.Scenario("default"), catalog.Family, new SimulationOptions
        {
            Policy = PolicyKind.Edge,
            Profile = SyntheticProfiles.Uniform(),
        });
        return (engine.Run(), engine);
    }
}
