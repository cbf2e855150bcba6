using EdgeCascade.Actors.Policies;
using EdgeCascade.Actors.Scheduling;

namespace EdgeCascade.Actors.Tests.Scheduling;

public sealed class FlowTreeSchedulerTests
{
    private static readonly string[] s_names = ["monitor", "archive"];

    // campus-tree's cam1: the monitor at level 7 two hops away, the archive at level 5 one hop further.
    private static SchedulingRequest[] CampusFlows() =>
    [
        On(TestCostModels.Ample(9, 7, 2), ["cam", "edge", "regional"]),
        On(TestCostModels.Ample(9, 5, 3), ["cam", "edge", "regional", "cloud"]),
    ];

    [Fact]
    public void Choose_MonitorAndArchive_ArchiveFollowsTheMonitorsLevelsOnSharedHops()
    {
        var decisions = new FlowTreeScheduler(new EdgeFirstScheduler()).Choose(CampusFlows(), TestCostModels.Simple(), s_names);

        Assert.Equal([9, 7], decisions[0].Plan.HopLevels);
        Assert.Equal([9, 7, 5], decisions[1].Plan.HopLevels);
        Assert.Equal(decisions[0].Plan.Stages[0].Operations, decisions[1].Plan.Stages[0].Operations);
        Assert.Equal(decisions[0].Plan.Stages[1].Operations, decisions[1].Plan.Stages[1].Operations);
        Assert.Contains("shares cam->edge, edge->regional with flow 'monitor'", decisions[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_OrderOfRequests_DoesNotChangeTheTree()
    {
        var flows = CampusFlows();

        var reversed = new FlowTreeScheduler(new EdgeFirstScheduler()).Choose([flows[1], flows[0]], TestCostModels.Simple(), ["archive", "monitor"]);

        Assert.Equal([9, 7, 5], reversed[0].Plan.HopLevels);
        Assert.Equal([9, 7], reversed[1].Plan.HopLevels);
    }

    [Fact]
    public void Choose_SingleFlow_EqualsThePerFlowScheduler()
    {
        var request = CampusFlows()[1];
        var alone = new EdgeFirstScheduler().Choose(request, TestCostModels.Simple());

        var tree = new FlowTreeScheduler(new EdgeFirstScheduler()).Choose([request], TestCostModels.Simple(), ["archive"]);

        Assert.Equal(alone.Policy, tree[0].Policy);
        Assert.Equal(alone.Plan.HopLevels, tree[0].Plan.HopLevels);
        Assert.Equal(alone.Reason, tree[0].Reason);
    }

    [Fact]
    public void Choose_ShallowFlowNeedsLessThanTheDeepOne_DeepFlowLeadsAndShallowForksBeforeItsLastHop()
    {
        // The shallow flow ends at "edge" at level 3; the deep one passes "edge" needing level 7 beyond it, so the hop into
        // "edge" carries more than 3 and the shallow flow cannot end on it: it shares nothing but the source's encode.
        SchedulingRequest[] flows =
        [
            On(TestCostModels.Ample(9, 3, 1), ["cam", "edge"]),
            On(TestCostModels.Ample(9, 7, 2), ["cam", "edge", "cloud"]),
        ];

        var decisions = new FlowTreeScheduler(new EdgeFirstScheduler()).Choose(flows, TestCostModels.Simple(), ["shallow", "deep"]);

        Assert.Equal([9, 7], decisions[1].Plan.HopLevels);
        Assert.Equal([3], decisions[0].Plan.HopLevels);
    }

    [Fact]
    public void Choose_SameTargetShorterFirst_LongerFlowPassesThroughAtTheSharedLevel()
    {
        SchedulingRequest[] flows =
        [
            On(TestCostModels.Ample(9, 7, 2), ["cam", "edge", "cloud"]),
            On(TestCostModels.Ample(9, 7, 1), ["cam", "edge"]),
        ];

        var decisions = new FlowTreeScheduler(new EdgeFirstScheduler()).Choose(flows, TestCostModels.Simple(), ["far", "near"]);

        Assert.Equal([7], decisions[1].Plan.HopLevels);
        Assert.Equal([7, 7], decisions[0].Plan.HopLevels);
        Assert.True(decisions[0].Plan.Stages[1].IsPassThrough);
    }

    [Fact]
    public void Choose_NoAgreeingPlanFitsButOwnDoes_KeepsItsOwnChoice()
    {
        // Following the monitor, the archive's relay "edge" runs D^9, φ^inter, φ^intra, Q^7 (22 kFLOP per pixel); its own
        // edge policy 9, 8, 5 runs D^9, φ^inter, Q^8 there (12 kFLOP). Give "edge" 15 kFLOP per pixel per image.
        var flows = CampusFlows();
        flows[1] = flows[1].WithNodeFlops(1, 15_000 * TestCostModels.Pixels);

        var decisions = new FlowTreeScheduler(new EdgeFirstScheduler()).Choose(flows, TestCostModels.Simple(), s_names);

        Assert.True(decisions[1].Feasible);
        Assert.NotEqual(7, decisions[1].Plan.HopLevels[1]);
        Assert.Contains("does not share", decisions[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_FlowsFromDifferentSources_Throws()
    {
        SchedulingRequest[] flows = [On(TestCostModels.Ample(9, 7, 1), ["a", "b"]), On(TestCostModels.Ample(9, 7, 1), ["c", "b"])];

        Assert.Throws<ArgumentException>(() => new FlowTreeScheduler(new EdgeFirstScheduler()).Choose(flows, TestCostModels.Simple(), ["x", "y"]));
    }

    private static SchedulingRequest On(SchedulingRequest request, string[] path) => request with
    {
        Path = path,
        Nodes = path.Select((n, i) => request.Nodes[i] with { Name = n }).ToArray(),
    };
}
