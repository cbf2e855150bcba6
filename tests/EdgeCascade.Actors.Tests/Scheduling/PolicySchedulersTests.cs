using EdgeCascade.Actors.Policies;
using EdgeCascade.Actors.Scheduling;

namespace EdgeCascade.Actors.Tests.Scheduling;

public sealed class PolicySchedulersTests
{
    [Theory]
    [InlineData(PolicyKind.Edge, typeof(EdgeFirstScheduler))]
    [InlineData(PolicyKind.Late, typeof(FixedPolicyScheduler))]
    [InlineData(PolicyKind.Uniform, typeof(FixedPolicyScheduler))]
    [InlineData(PolicyKind.Greedy, typeof(GreedyScheduler))]
    public void Create_Kind_ReturnsMatchingScheduler(PolicyKind kind, Type expected)
    {
        var scheduler = PolicySchedulers.Create(kind);

        Assert.IsType(expected, scheduler);
        Assert.Equal(kind, scheduler.Kind);
    }

    [Fact]
    public void Create_OracleWithoutScore_Throws() =>
        Assert.Throws<ArgumentException>(() => PolicySchedulers.Create(PolicyKind.Oracle));

    [Fact]
    public void Create_OracleWithScore_ReturnsOracle() =>
        Assert.IsType<OracleScheduler>(PolicySchedulers.Create(PolicyKind.Oracle, _ => 0));

    [Fact]
    public void FixedPolicyScheduler_Late_NeverFallsBack()
    {
        var request = TestCostModels.Ample(4, 1, 2).WithLink(0, 1000);

        var decision = new FixedPolicyScheduler(PolicyKind.Late).Choose(request, TestCostModels.Simple());

        Assert.Equal("[0,0,1,1]", decision.Policy.ToString());
        Assert.False(decision.Feasible);
        Assert.StartsWith("fixed late policy; does not fit", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void FixedPolicyScheduler_Greedy_Throws() =>
        Assert.Throws<ArgumentException>(() => new FixedPolicyScheduler(PolicyKind.Greedy));
}
