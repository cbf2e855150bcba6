using EdgeCascade.Actors.Nodes;
using EdgeCascade.Actors.Policies;
using EdgeCascade.Runtime.Hosting;
using EdgeCascade.Topologies.Model;

namespace EdgeCascade.Runtime.Tests.Hosting;

public sealed class RoutePlannerTests : IDisposable
{
    private readonly ClusterTestBed _bed = new(distinctImages: 1);

    public void Dispose() => _bed.Dispose();

    [Theory]
    [InlineData("uniform")]
    [InlineData("edge")]
    [InlineData("late")]
    [InlineData("1001")]
    public void Routes_OneFlowPerSource_PlansEachFlowAloneAsBefore(string policy)
    {
        FlowSpec flow = _bed.Topology.Flows[0];

        FlowRoute route = Assert.Single(RoutePlanner.Routes(_bed.Topology, policy));

        HopPlan alone = HopPlan.Create(RoutePlanner.Policy(flow, policy), flow.Path);
        Assert.Equal(alone.Policy, route.Plan.Policy);
        Assert.Equal(alone.HopLevels, route.Plan.HopLevels);
    }

    [Theory]
    [InlineData("uniform")]
    [InlineData("edge")]
    [InlineData("late")]
    public void Routes_TwoFlowsOfOneSource_AgreeOnTheSharedHopAndForkAtTheRelay(string policy)
    {
        IReadOnlyList<FlowRoute> routes = RoutePlanner.Routes(FlowTree.Topology, policy);
        HopPlan watch = RoutePlanner.Find(routes, FlowTree.Watch)!.Plan;
        HopPlan keep = RoutePlanner.Find(routes, FlowTree.Keep)!.Plan;

        Assert.True(watch.AgreesAt(keep, 0), $"{watch.Policy} and {keep.Policy} differ at the camera");
        Assert.False(watch.AgreesAt(keep, 1));
        Assert.Equal((4, 2), (watch.Policy.TargetLevel, keep.Policy.TargetLevel));

        // The flow with the highest target plans as it would alone; the other follows it on the shared hop.
        FlowSpec first = FlowTree.Topology.Flows[0];
        Assert.Equal(HopPlan.Create(RoutePlanner.Policy(first, policy), first.Path).HopLevels, watch.HopLevels);
    }

    [Fact]
    public void Routes_SameTopologyAndPolicy_SamePlansEveryTime()
    {
        string Plans() => string.Join(';', RoutePlanner.Routes(FlowTree.Topology, "edge").Select(r => $"{r.Name}:{r.Plan.Policy}:{string.Join(',', r.Plan.HopLevels)}"));

        Assert.Equal(Plans(), Plans());
    }

    [Fact]
    public void PlanText_TwoFlows_JoinsTheirBitsInOrder()
    {
        IReadOnlyList<FlowRoute> routes = RoutePlanner.Routes(FlowTree.Topology);

        Assert.Equal($"{routes[0].Plan.Policy.ToBitString()}+{routes[1].Plan.Policy.ToBitString()}", RoutePlanner.PlanText(routes));
    }
}
