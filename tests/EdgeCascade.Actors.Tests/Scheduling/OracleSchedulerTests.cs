using EdgeCascade.Actors.Policies;
using EdgeCascade.Actors.Scheduling;

namespace EdgeCascade.Actors.Tests.Scheduling;

public sealed class OracleSchedulerTests
{
    [Fact]
    public void Choose_AmpleBudgets_PicksLowestScore()
    {
        var best = QuantizationPolicy.Parse("[0,1,0,1]", 4);
        var scheduler = new OracleScheduler(policy => policy == best ? -1 : 0, "−PSNR");

        var decision = scheduler.Choose(TestCostModels.Ample(4, 1, 2), TestCostModels.Simple());

        Assert.Equal(best, decision.Policy);
        Assert.StartsWith("oracle: best −PSNR -1 among 3 feasible of 3 policies", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_BestScoreInfeasible_PicksBestFeasible()
    {
        // Edge scores best but its first hop (4000 bits) exceeds 3500; next best feasible is uniform.
        var scores = new Dictionary<string, double> { ["1001"] = 1, ["0101"] = 2, ["0011"] = 3 };
        var scheduler = new OracleScheduler(policy => scores[policy.ToBitString()]);

        var decision = scheduler.Choose(TestCostModels.Ample(4, 1, 2).WithLink(0, 3500), TestCostModels.Simple());

        Assert.Equal("0101", decision.Policy.ToBitString());
        Assert.True(decision.Feasible);
    }

    [Fact]
    public void Choose_Always_EvaluatesEveryPolicyOnceInEnumerationOrder()
    {
        var seen = new List<string>();
        var scheduler = new OracleScheduler(policy =>
        {
            seen.Add(policy.ToBitString());
            return 0;
        });

        var decision = scheduler.Choose(TestCostModels.Ample(5, 1, 3), TestCostModels.Simple());

        Assert.Equal(PolicySpace.Enumerate(5, 1, 3).Select(p => p.ToBitString()), seen);
        Assert.Equal(QuantizationPolicy.Edge(5, 1, 3), decision.Policy);
    }

    [Fact]
    public void Choose_ScoreIsNaN_Throws()
    {
        var scheduler = new OracleScheduler(_ => double.NaN);

        Assert.Throws<InvalidOperationException>(() => scheduler.Choose(TestCostModels.Ample(4, 1, 2), TestCostModels.Simple()));
    }
}
