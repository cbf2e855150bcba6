using EdgeCascade.Actors.Scheduling;

namespace EdgeCascade.Actors.Tests.Scheduling;

public sealed class GreedySchedulerTests
{
    private readonly GreedyScheduler _scheduler = new();

    [Fact]
    public void Choose_ComputeNotBinding_ReducesToLatePolicy()
    {
        var decision = _scheduler.Choose(TestCostModels.Ample(5, 1, 3), TestCostModels.Simple());

        Assert.Equal("[0,0,1,1,1]", decision.Policy.ToString());
        Assert.True(decision.Feasible);
    }

    [Fact]
    public void Choose_SourceComputeBinding_TransmitsEarlierThanLate()
    {
        // Source 1.15 GFLOP/s for 10^4 px: g_a + Q,E = 101 kFLOP/px, +10 k per intra transform → at most one φ^intra.
        var request = TestCostModels.Ample(5, 1, 2).WithNodeFlops(0, 1.15e9);

        var decision = _scheduler.Choose(request, TestCostModels.Simple());

        Assert.Equal("[0,1,0,0,1]", decision.Policy.ToString());
        Assert.Contains("hop 0: level 4 (4000 bits, cheapest that fits)", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("hop 1: level 1 (the target)", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_RelayComputeBinding_LimitsHowFarTheRelayDrops()
    {
        // s=6, 3 hops. Source 1.05 GFLOP/s allows only g_a + Q,E → hop 0 carries level 6. Relay1 at 0.23 GFLOP/s
        // allows D + φ^inter + one φ^intra + Q,E (22 kFLOP/px) → hop 1 carries level 4, not the cheaper 3 or 2.
        var request = TestCostModels.Ample(6, 1, 3).WithNodeFlops(0, 1.05e9).WithNodeFlops(1, 0.23e9);

        var decision = _scheduler.Choose(request, TestCostModels.Simple());

        Assert.Equal([6, 4, 1], decision.Policy.TransmitLevels);
        Assert.True(decision.Feasible, decision.Reason);
    }
}
