using EdgeCascade.Actors.Execution;
using EdgeCascade.Actors.Messages;
using EdgeCascade.Actors.Nodes;
using EdgeCascade.Actors.Policies;
using EdgeCascade.Actors.Scheduling;
using EdgeCascade.Codec.Bitstreams;
using EdgeCascade.Codec.Cascade;
using EdgeCascade.Codec.Imaging;
using EdgeCascade.Codec.Models;
using EdgeCascade.Codec.Tests.Models;

namespace EdgeCascade.Actors.Tests.Execution;

public sealed class CodecStageExecutorTests : IDisposable
{
    private readonly SyntheticFamily _files = new(seed: 31);
    private readonly CascadeEngine _engine;
    private readonly CodecStageExecutor _executor;

    public CodecStageExecutorTests()
    {
        _engine = new CascadeEngine(ModelFamily.Load(_files.Directory));
        _executor = new CodecStageExecutor(_engine);
    }

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData(6, 1, 0, 0, 0, 0, 1)]
    [InlineData(6, 0, 0, 1, 0, 0, 1)]
    [InlineData(5, 0, 1, 0, 1)]
    public void Execute_ThreeStagePath_MatchesCascadeRunnerHcf(int sourceLevel, params int[] bits)
    {
        QuantizationPolicy policy = QuantizationPolicy.FromBits(sourceLevel, bits);
        Assert.Equal(2, policy.NQ);
        HopPlan plan = HopPlan.Create(policy, ["camera", "relay", "cloud"]);
        var route = new FlowRoute(0, "flow", plan, null, 64, 64);
        RgbImage image = SyntheticImages.Gradient(64, 64, seed: 5);

        CascadeRun expected = new CascadeRunner(_engine).Hcf(image, policy.SourceLevel, policy.TargetLevel, policy.TransmitFlags);

        object? payload = image;
        var hopBytes = new List<byte[]>();
        RgbImage? reconstruction = null;
        foreach (NodeStage stage in plan.Stages)
        {
            StageOutput output = _executor.Execute(new StageWork(route, stage, new ImageTrace(0, 0, 0, 0, 2), payload));
            if (stage.IsDestination)
            {
                reconstruction = Assert.IsType<RgbImage>(output.Payload);
                Assert.Equal(0, output.OutputBits);
            }
            else
            {
                byte[] wire = Assert.IsType<byte[]>(output.Payload);
                Assert.Equal(wire.LongLength * 8, output.OutputBits);
                hopBytes.Add(wire);
                payload = wire; // only packet bytes cross a hop
            }
        }

        Assert.Equal(expected.Hops.Count, hopBytes.Count);
        for (int hop = 0; hop < hopBytes.Count; hop++)
        {
            LatentPacket packet = LatentPacketCodec.Decode(hopBytes[hop], _engine.FamilyId);
            Assert.Equal(expected.Hops[hop].Level, packet.Level);
            Assert.Equal(expected.Hops[hop].Bytes, packet.HyperStream.Length + packet.MainStream.Length);
        }

        Assert.NotNull(reconstruction);
        Assert.Equal(expected.Reconstruction.Pixels.ToArray(), reconstruction.Pixels.ToArray());
    }

    [Fact]
    public void Execute_SameStageTwice_SameBytes()
    {
        HopPlan plan = HopPlan.Create(QuantizationPolicy.FromBits(6, 0, 1, 0, 1), ["a", "b", "c"]);
        var route = new FlowRoute(0, "flow", plan, null, 64, 64);
        RgbImage image = SyntheticImages.Gradient(64, 64, seed: 9);

        StageOutput first = _executor.Execute(new StageWork(route, plan.Stages[0], new ImageTrace(0, 0, 0, 0, 2), image));
        StageOutput second = _executor.Execute(new StageWork(route, plan.Stages[0], new ImageTrace(0, 1, 0, 0, 2), image));

        Assert.Equal((byte[])first.Payload!, (byte[])second.Payload!);
    }

    [Fact]
    public void Plan_SumsFlopsOfTheStageOperatorsAndTakesTheLargestPeak()
    {
        HopPlan plan = HopPlan.Create(QuantizationPolicy.FromBits(6, 0, 1, 0, 1), ["a", "b", "c"]);
        var route = new FlowRoute(0, "flow", plan, null, 128, 64);
        NodeStage relay = plan.Stages[1];

        OperationCost cost = _executor.Plan(new StageWork(route, relay, new ImageTrace(0, 0, 0, 0, 2), null));

        double flops = relay.Operations.Sum(op => _executor.Cost(op, 128, 64).Flops);
        long peak = relay.Operations.Max(op => _executor.Cost(op, 128, 64).PeakMemoryBytes);
        Assert.Equal(flops, cost.Flops);
        Assert.Equal(peak, cost.PeakMemoryBytes);
        Assert.True(cost.Flops > 0);
        Assert.True(_executor.Cost(StageOp.Analysis(6), 128, 64).Flops > _executor.Cost(StageOp.Analysis(6), 64, 64).Flops);
    }

    [Fact]
    public void Execute_RelayGivenPixels_Throws()
    {
        HopPlan plan = HopPlan.Create(QuantizationPolicy.FromBits(6, 0, 1, 0, 1), ["a", "b", "c"]);
        var route = new FlowRoute(0, "flow", plan, null, 64, 64);

        Assert.Throws<ArgumentException>(() =>
            _executor.Execute(new StageWork(route, plan.Stages[1], new ImageTrace(0, 0, 0, 0, 2), SyntheticImages.Gradient(64, 64, 1))));
    }

    [Fact]
    public void Execute_CorruptPacket_ThrowsBitstreamException()
    {
        HopPlan plan = HopPlan.Create(QuantizationPolicy.FromBits(6, 0, 1, 0, 1), ["a", "b", "c"]);
        var route = new FlowRoute(0, "flow", plan, null, 64, 64);
        byte[] wire = (byte[])_executor.Execute(new StageWork(route, plan.Stages[0], new ImageTrace(0, 0, 0, 0, 2), SyntheticImages.Gradient(64, 64, 2))).Payload!;
        wire[^5] ^= 0x5A;

        Assert.Throws<BitstreamException>(() =>
            _executor.Execute(new StageWork(route, plan.Stages[1], new ImageTrace(0, 0, 0, 0, 2), wire)));
    }
}
