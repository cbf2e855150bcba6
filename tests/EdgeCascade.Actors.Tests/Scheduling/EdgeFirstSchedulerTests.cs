using EdgeCascade.Actors.Policies;
using EdgeCascade.Actors.Scheduling;

namespace EdgeCascade.Actors.Tests.Scheduling;

public sealed class EdgeFirstSchedulerTests
{
    private readonly EdgeFirstScheduler _scheduler = new();

    [Fact]
    public void Choose_AmpleBudgets_PicksEdgePolicy()
    {
        var decision = _scheduler.Choose(TestCostModels.Ample(4, 1, 2), TestCostModels.Simple());

        Assert.Equal("[1,0,0,1]", decision.Policy.ToString());
        Assert.True(decision.Feasible);
        Assert.StartsWith("edge policy [1,0,0,1] fits every budget", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_AmpleBudgets_PredictsHandComputedLoads()
    {
        var decision = _scheduler.Choose(TestCostModels.Ample(4, 1, 2), TestCostModels.Simple());

        // Level 4 first: 0.4 bpp × 10^4 px; level 1 second: 0.1 × 0.98 bpp × 10^4 px.
        Assert.Equal(4000, decision.Hops[0].PredictedBits, 9);
        Assert.Equal(980, decision.Hops[1].PredictedBits, 9);

        // Source g_a + Q,E; relay D + 3 φ + Q,E; destination D + g_s (per pixel, × 10^4 px).
        Assert.Equal(101_000 * TestCostModels.Pixels, decision.Nodes[0].Flops, 3);
        Assert.Equal(32_000 * TestCostModels.Pixels, decision.Nodes[1].Flops, 3);
        Assert.Equal(101_000 * TestCostModels.Pixels, decision.Nodes[2].Flops, 3);
        Assert.Equal(100_000, decision.Nodes[0].PeakMemoryBytes);
        Assert.Equal(20_000, decision.Nodes[1].PeakMemoryBytes);
    }

    [Fact]
    public void Choose_FirstLinkTooNarrowForEdge_FallsBackToUniform()
    {
        // Edge sends level 4 (4000 bits) first; uniform [0,1,0,1] sends level 3 (3000 bits).
        var request = TestCostModels.Ample(4, 1, 2).WithLink(0, 3500);

        var decision = _scheduler.Choose(request, TestCostModels.Simple());

        Assert.Equal("[0,1,0,1]", decision.Policy.ToString());
        Assert.True(decision.Feasible);
        Assert.StartsWith("uniform policy", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("after rejecting edge [1,0,0,1]: hop src->relay1 needs 4000 bits", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_FirstLinkNarrower_FallsBackToLate()
    {
        var request = TestCostModels.Ample(4, 1, 2).WithLink(0, 2500);

        var decision = _scheduler.Choose(request, TestCostModels.Simple());

        Assert.Equal("[0,0,1,1]", decision.Policy.ToString());
        Assert.StartsWith("late policy", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_NamedPoliciesDoNotFit_FallsBackToCheapestFeasible()
    {
        // s=5: edge [1,0,0,0,1] needs 5000 bits on hop 0 (> 4500); uniform [0,0,1,0,1] and late [0,0,0,1,1]
        // need ≥ 1.21 GFLOP at the source (> 1.15 GFLOP/s); only [0,1,0,0,1] (4000 bits, 1.11 GFLOP) fits.
        var request = TestCostModels.Ample(5, 1, 2).WithLink(0, 4500).WithNodeFlops(0, 1.15e9);

        var decision = _scheduler.Choose(request, TestCostModels.Simple());

        Assert.Equal("[0,1,0,0,1]", decision.Policy.ToString());
        Assert.True(decision.Feasible);
        Assert.StartsWith("cheapest feasible policy [0,1,0,0,1]", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("node src needs", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_SeveralFeasibleAfterNamedFail_PicksFewestBits()
    {
        // s=6, d=1, 2 hops; hop-0 bits by first level 6..2: 6000, 5000, 6000 (level 4 made expensive), 3000, 2000.
        // Link 0 carries 5500 bits: edge (6) and uniform [0,0,1,0,0,1] (4) fail. Source 1.35 GFLOP/s: late (g_a + 4 φ =
        // 1.41 GFLOP) fails. Feasible: [0,1,0,0,0,1] (5980 bits in total) and [0,0,0,1,0,1] (3980) → the latter.
        var model = new ProfileHopCostModel(
            prefix => prefix.NQ == 1 && prefix.TargetLevel == 4 ? 0.6 : 0.1 * prefix.TargetLevel * (1 - (0.02 * (prefix.NQ - 1))),
            op => op.Kind switch
            {
                StageOpKind.Analysis or StageOpKind.Synthesis => 100_000,
                StageOpKind.IntraTransform or StageOpKind.InterTransform => 10_000,
                _ => 1_000,
            },
            _ => 1);
        var request = TestCostModels.Ample(6, 1, 2).WithLink(0, 5500).WithNodeFlops(0, 1.35e9);

        var decision = _scheduler.Choose(request, model);

        Assert.Equal("[0,0,0,1,0,1]", decision.Policy.ToString());
        Assert.True(decision.Feasible);
        Assert.Equal(3980, decision.TotalBits, 9);
        Assert.StartsWith("cheapest feasible policy [0,0,0,1,0,1] (3980 bits", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_NothingFits_ReturnsLeastInfeasible()
    {
        var request = TestCostModels.Ample(4, 1, 2).WithLink(0, 1000);

        var decision = _scheduler.Choose(request, TestCostModels.Simple());

        // Hop-0 loads: edge 4000, [0,1,0,1] 3000, late 2000 bits against 1000 → late is least over budget.
        Assert.False(decision.Feasible);
        Assert.Equal("[0,0,1,1]", decision.Policy.ToString());
        Assert.Equal(2.0, decision.WorstUtilisation, 12);
        Assert.Contains("least infeasible", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_DestinationTooSlow_NoPolicyCanHelp()
    {
        // g_s runs at the destination under every policy.
        var request = TestCostModels.Ample(4, 1, 2).WithNodeFlops(2, 1e6);

        var decision = _scheduler.Choose(request, TestCostModels.Simple());

        Assert.False(decision.Feasible);
        Assert.Contains("node dst needs", decision.Reason, StringComparison.Ordinal);
    }
}
