using EdgeCascade.Actors.Policies;
using EdgeCascade.Actors.Scheduling;
using EdgeCascade.Topologies.Model;

namespace EdgeCascade.Actors.Tests.Scheduling;

public sealed class SchedulingRequestTests
{
    [Fact]
    public void FromTopology_TwoHopFlow_TakesBudgetsFromLinksAndGpus()
    {
        var edgeGpu = new GpuProfile("edge", PeakFlopsPerSecond: 2e12, MemoryBytes: 4L << 30, Efficiency: 0.5, Concurrency: 1);
        var cloudGpu = new GpuProfile("cloud", 20e12, 16L << 30, 0.25, 4);
        var topology = new TopologySpec(
            "chain",
            "test chain",
            [
                new NodeSpec("cam", NodeRoles.Source, edgeGpu, 8),
                new NodeSpec("relay", NodeRoles.Relay, edgeGpu, 8),
                new NodeSpec("cloud", NodeRoles.Sink, cloudGpu, 8),
            ],
            [
                new LinkSpec("cam", "relay", 20e6, TimeSpan.FromMilliseconds(5), 0, LinkSharing.Fifo),
                new LinkSpec("relay", "cloud", 5e6, TimeSpan.FromMilliseconds(20), 0, LinkSharing.Fair),
            ],
            [new FlowSpec("f", "cam", "cloud", 4, 1, null, ["cam", "relay", "cloud"])],
            [],
            "default");

        var request = SchedulingRequest.FromTopology(topology, topology.Flows[0], imagesPerSecond: 4, 768, 512);

        Assert.Equal([20e6, 5e6], request.LinkBitsPerSecond);
        Assert.Equal(0.25, request.SecondsPerImage);
        Assert.Equal(1.25e6, request.HopBudgetBits(1));
        Assert.Equal(1e12, request.Nodes[0].EffectiveFlopsPerSecond);
        Assert.Equal(5e12, request.Nodes[2].EffectiveFlopsPerSecond);
        Assert.Equal(16L << 30, request.Nodes[2].MemoryBytes);
        request.Validate();
    }

    [Fact]
    public void Validate_ZeroSecondsPerImage_Throws() =>
        Assert.Throws<ArgumentException>(() => (TestCostModels.Ample(4, 1, 2) with { SecondsPerImage = 0 }).Validate());

    [Fact]
    public void Assess_PolicyForOtherLevels_Throws() =>
        Assert.Throws<ArgumentException>(() =>
            PolicyAssessor.Assess(TestCostModels.Ample(4, 1, 2), TestCostModels.Simple(), QuantizationPolicy.Edge(5, 1, 2)));

    [Fact]
    public void ProfileHopCostModel_ByLevel_ScalesByPixels()
    {
        var model = ProfileHopCostModel.ByLevel(new Dictionary<int, double> { [1] = 0.25, [2] = 0.5 }, _ => 3, _ => 0.5);

        Assert.Equal(0.5 * 64 * 32, model.PredictBits(QuantizationPolicy.Parse("[0,1]", 3), 64, 32));
        Assert.Equal(new OperationCost(3 * 64 * 32, 1024), model.Cost(StageOp.Decode(2), 64, 32));
        Assert.Throws<ArgumentException>(() => model.PredictBits(QuantizationPolicy.Parse("[1]", 3), 64, 32));
    }
}
