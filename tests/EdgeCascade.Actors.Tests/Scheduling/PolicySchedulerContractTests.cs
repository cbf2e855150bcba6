using EdgeCascade.Actors.Policies;
using EdgeCascade.Actors.Scheduling;

namespace EdgeCascade.Actors.Tests.Scheduling;

/// <summary>The <see cref="IPolicyScheduler"/> contract, run against every implementation.</summary>
public abstract class PolicySchedulerContractTests
{
    protected abstract IPolicyScheduler CreateScheduler();

    public static TheoryData<int, int, int> Shapes => new()
    {
        { 4, 1, 2 },
        { 4, 1, 1 },
        { 5, 1, 3 },
        { 6, 2, 5 },
        { 3, 3, 1 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Choose_AmpleBudgets_FeasiblePolicyFromTheSpace(int s, int d, int hops)
    {
        var decision = CreateScheduler().Choose(TestCostModels.Ample(s, d, hops), TestCostModels.Simple());

        Assert.True(decision.Feasible, decision.Reason);
        Assert.True(PolicySpace.Contains(s, d, hops, decision.Policy));
        Assert.Equal(1, decision.Policy[d]);
        Assert.Equal(hops, decision.Policy.NQ);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Choose_AnyBudgets_LoadsMatchTheAssessorForTheChosenPolicy(int s, int d, int hops)
    {
        var request = TestCostModels.Request(s, d, hops, linkBitsPerSecond: 2500, flopsPerSecond: 1.2e9, memoryBytes: 150_000);
        var model = TestCostModels.Simple();

        var decision = CreateScheduler().Choose(request, model);
        var expected = PolicyAssessor.Assess(request, model, decision.Policy);

        Assert.Equal(hops, decision.Hops.Count);
        Assert.Equal(hops + 1, decision.Nodes.Count);
        Assert.Equal(expected.Hops, decision.Hops);
        Assert.Equal(expected.Nodes, decision.Nodes);
        Assert.Equal(decision.Policy, decision.Plan.Policy);
        Assert.Equal(decision.Hops.All(h => h.Fits) && decision.Nodes.All(n => n.Fits), decision.Feasible);
        Assert.False(string.IsNullOrWhiteSpace(decision.Reason));
    }

    [Fact]
    public void Choose_SameInputs_SameDecision()
    {
        var request = TestCostModels.Request(5, 1, 2, linkBitsPerSecond: 4500, flopsPerSecond: 1.15e9, memoryBytes: 1L << 30);
        var scheduler = CreateScheduler();

        var first = scheduler.Choose(request, TestCostModels.Simple());
        var second = CreateScheduler().Choose(request, TestCostModels.Simple());

        Assert.Equal(first.Policy, second.Policy);
        Assert.Equal(first.Reason, second.Reason);
        Assert.Equal(first.Feasible, second.Feasible);
    }

    [Fact]
    public void Choose_NothingFits_InfeasibleWithReason()
    {
        var request = TestCostModels.Request(4, 1, 2, linkBitsPerSecond: 10, flopsPerSecond: 1e15, memoryBytes: 1L << 40);

        var decision = CreateScheduler().Choose(request, TestCostModels.Simple());

        Assert.False(decision.Feasible);
        Assert.Contains("src->relay1", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_MoreHopsThanLevels_ExtraHopsPassThroughAtTheLastLevel()
    {
        var request = TestCostModels.Ample(2, 1, 3);

        var decision = CreateScheduler().Choose(request, TestCostModels.Simple());

        Assert.Equal([2, 1, 1], decision.Plan.Hops.Select(h => h.Level));
        Assert.True(decision.Plan.Stages[2].IsPassThrough);
        Assert.Equal(3, decision.Hops.Count);
        Assert.Equal(decision.Hops[1].PredictedBits, decision.Hops[2].PredictedBits);
    }

    [Fact]
    public void Choose_LinkCountMismatch_Throws()
    {
        var request = TestCostModels.Ample(4, 1, 2) with { LinkBitsPerSecond = [1e9] };

        Assert.Throws<ArgumentException>(() => CreateScheduler().Choose(request, TestCostModels.Simple()));
    }

    [Fact]
    public void Choose_NodeBudgetNamesDisagreeWithPath_Throws()
    {
        var request = TestCostModels.Ample(4, 1, 2);
        request = request with { Nodes = request.Nodes.Reverse().ToArray() };

        Assert.Throws<ArgumentException>(() => CreateScheduler().Choose(request, TestCostModels.Simple()));
    }

    [Fact]
    public void Name_IsNonEmpty() => Assert.False(string.IsNullOrWhiteSpace(CreateScheduler().Name));
}
