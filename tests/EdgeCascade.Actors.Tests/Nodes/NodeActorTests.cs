using Akka.Actor;
using EdgeCascade.Actors.Budgets;
using EdgeCascade.Actors.Messages;
using EdgeCascade.Actors.Nodes;
using EdgeCascade.Actors.Policies;
using EdgeCascade.Actors.Scheduling;
using EdgeCascade.Simulation.Tests.Support;

namespace EdgeCascade.Actors.Tests.Nodes;

/// <summary>
/// One node actor in virtual time with a fake executor: every stage costs 1e6 FLOPs on a 1 GFLOP/s
/// GPU (1 ms) and emits 8,000 bits; the outgoing port forwards transfers to the test actor.
/// Akka.TestKit with the simulator's virtual clock; the node runs on the test's thread.
/// </summary>
public sealed class NodeActorTests : VirtualTimeTestKit
{
    private const long Ms = 1_000_000;

    // π = [1] at s = d = 2 over src -> dst: src runs g_a^2, Q^2E^2; dst runs D^2, g_s^2.
    private static readonly HopPlan s_plan = HopPlan.Create(QuantizationPolicy.FromBits(2, 1), ["src", "dst"]);

    [Fact]
    public void ImageArrived_SourceStage_ForwardsBitstreamAfterGpuTime()
    {
        var observer = new RecordingObserver();
        IActorRef node = CreateNode("src", new GpuBudget(1e9, 1 << 20, 1, 4), observer);

        node.Tell(new ImageArrived(Image(0)));

        HopTransfer transfer = ExpectMsgInVirtualTime<HopTransfer>();
        Assert.Equal(1 * Ms, Now);
        Assert.Equal(1, transfer.StageIndex);
        Assert.Equal(8_000, transfer.Bits);
        Assert.Equal(8_000, transfer.Image.HopBits[0]);
    }

    [Fact]
    public void ImageArrived_OneSlot_SecondImageWaitsForFirst()
    {
        var observer = new RecordingObserver();
        IActorRef node = CreateNode("src", new GpuBudget(1e9, 1 << 20, 1, 4), observer);

        node.Tell(new ImageArrived(Image(0)));
        node.Tell(new ImageArrived(Image(1)));

        Assert.Equal(0, ExpectMsgInVirtualTime<HopTransfer>().Image.ImageId);
        Assert.Equal(1 * Ms, Now);
        Assert.Equal(1, ExpectMsgInVirtualTime<HopTransfer>().Image.ImageId);
        Assert.Equal(2 * Ms, Now);
    }

    [Fact]
    public void ImageArrived_QueueFull_DropsAndReportsQueueFull()
    {
        var observer = new RecordingObserver();
        IActorRef node = CreateNode("src", new GpuBudget(1e9, 1 << 20, 1, 0), observer);

        node.Tell(new ImageArrived(Image(0)));
        node.Tell(new ImageArrived(Image(1)));
        ExpectMsgInVirtualTime<HopTransfer>();
        RunUntilIdle();
        ExpectNoMsg(TimeSpan.Zero);

        (ImageTrace image, DropReason reason) = Assert.Single(observer.Dropped);
        Assert.Equal(1, image.ImageId);
        Assert.Equal(DropReason.QueueFull, reason);
        Assert.Equal("src", image.DroppedAt);
    }

    [Fact]
    public void ImageArrived_StageLargerThanGpuMemory_DropsForMemory()
    {
        var observer = new RecordingObserver();
        IActorRef node = CreateNode("src", new GpuBudget(1e9, 100, 1, 4), observer);

        node.Tell(new ImageArrived(Image(0)));
        RunUntilIdle();
        ExpectNoMsg(TimeSpan.Zero);

        Assert.Equal(DropReason.Memory, Assert.Single(observer.Dropped).Reason);
    }

    [Fact]
    public void HopTransfer_DestinationStage_ReportsDeliveryWithQuality()
    {
        var observer = new RecordingObserver();
        IActorRef node = CreateNode("dst", new GpuBudget(1e9, 1 << 20, 1, 4), observer);
        ImageTrace image = Image(0);

        node.Tell(new HopTransfer(image, 1, 8_000));
        RunUntilIdle();
        ExpectNoMsg(TimeSpan.Zero);

        ImageTrace delivered = Assert.Single(observer.Delivered);
        Assert.Same(image, delivered);
        Assert.Equal(1 * Ms, delivered.DeliveredNs);
        Assert.Equal(31.5, delivered.PsnrDb);
    }

    [Fact]
    public void HopTransfer_StageOfAnotherNode_FailsTheActor()
    {
        var observer = new RecordingObserver();
        IActorRef node = CreateNode("src", new GpuBudget(1e9, 1 << 20, 1, 4), observer);

        EventFilter.Exception<InvalidOperationException>().ExpectOne(() => node.Tell(new HopTransfer(Image(0), 1, 8_000)));

        // Akka's default strategy restarts the node; it keeps working afterwards.
        node.Tell(new ImageArrived(Image(1)));
        Assert.Equal(1, ExpectMsgInVirtualTime<HopTransfer>().Image.ImageId);
    }

    [Fact]
    public void HopTransfer_PassThroughRelay_ForwardsSameBitstreamAtOnceWithoutGpuJob()
    {
        // π = [1] at s = d = 2 over src -> mid -> dst: mid has no level to change and forwards the bitstream.
        HopPlan plan = HopPlan.Create(QuantizationPolicy.FromBits(2, 1), ["src", "mid", "dst"]);
        var route = new FlowRoute(0, "flow", plan, DeadlineNs: null, 10, 10);
        var budget = new GpuBudget(1e9, 1 << 20, 1, 0);
        var executor = new CountingExecutor();
        var settings = new NodeActorSettings("mid", budget, executor, [route], [new ProbePort("mid", "dst", TestActor)], new RecordingObserver());
        IActorRef node = ActorOnTestThread(NodeActor.Props(settings));
        var payload = new byte[] { 1, 2, 3 };
        var image = new ImageTrace(0, 7, 0, 0, 2);

        node.Tell(new HopTransfer(image, 1, 24, payload));

        HopTransfer forwarded = ExpectMsgInVirtualTime<HopTransfer>();
        Assert.Equal(0, Now);
        Assert.Equal(2, forwarded.StageIndex);
        Assert.Equal(24, forwarded.Bits);
        Assert.Same(payload, forwarded.Payload);
        Assert.Equal(24, image.HopBits[1]);
        Assert.Equal(0, executor.Calls);
        Assert.Equal(0, budget.CompletedJobs);
    }

    [Fact]
    public void ImageArrived_StageWorkers_ForwardsOnceTimeAndOutputAreBothDone()
    {
        using var executor = new GatedExecutor(StageOutput.Bitstream(123));
        IActorRef node = CreateNode("src", new GpuBudget(1e9, 1 << 20, 1, 4), new RecordingObserver(), executor, stageWorkers: 1);

        node.Tell(new ImageArrived(Image(0)));
        AdvanceBy(TimeSpan.FromMilliseconds(5));
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        executor.Release();

        HopTransfer transfer = ExpectMsg<HopTransfer>(TimeSpan.FromSeconds(10));
        Assert.Equal(123, transfer.Bits);
        Assert.Equal(5 * Ms, Now);
    }

    [Fact]
    public void ImageArrived_StageWorkerThrows_DropsAsStageFailedAndNodeGoesOn()
    {
        var observer = new RecordingObserver();
        var executor = new FailingOnceExecutor();
        IActorRef node = CreateNode("src", new GpuBudget(1e9, 1 << 20, 1, 4), observer, executor, stageWorkers: 1);

        node.Tell(new ImageArrived(Image(0)));
        AwaitCondition(() => executor.Calls >= 1, TimeSpan.FromSeconds(10));
        AwaitAssert(() => { RunUntilIdle(); Assert.Single(observer.Dropped); }, TimeSpan.FromSeconds(10));
        node.Tell(new ImageArrived(Image(1)));
        AwaitAssert(() => { RunUntilIdle(); Assert.True(HasMessages); }, TimeSpan.FromSeconds(10));

        Assert.Equal(1, ExpectMsg<HopTransfer>(TimeSpan.Zero).Image.ImageId);
        Assert.Equal(DropReason.StageFailed, Assert.Single(observer.Dropped).Reason);
    }

    private IActorRef CreateNode(string name, GpuBudget budget, RecordingObserver observer, IStageExecutor? executor = null, int stageWorkers = 0)
    {
        var route = new FlowRoute(0, "flow", s_plan, DeadlineNs: null, 10, 10);
        ILinkPort[] ports = name == "src" ? [new ProbePort("src", "dst", TestActor)] : [];
        var settings = new NodeActorSettings(name, budget, executor ?? new FixedExecutor(), [route], ports, observer, stageWorkers);
        return ActorOnTestThread(NodeActor.Props(settings));
    }

    private static ImageTrace Image(long id) => new(0, id, 0, 0, 1);

    private sealed class FixedExecutor : IStageExecutor
    {
        public OperationCost Plan(in StageWork work) => new(1e6, 1_000);

        public StageOutput Execute(in StageWork work) =>
            work.Stage.IsDestination ? new StageOutput(0, null, 31.5, double.NaN) : StageOutput.Bitstream(8_000);
    }

    /// <summary>Holds the stage worker until the test releases it (a codec that is still computing).</summary>
    private sealed class GatedExecutor(StageOutput output) : IStageExecutor, IDisposable
    {
        private readonly ManualResetEventSlim _gate = new();

        public OperationCost Plan(in StageWork work) => new(1e6, 1_000);

        public StageOutput Execute(in StageWork work)
        {
            _gate.Wait(TimeSpan.FromSeconds(30));
            return output;
        }

        public void Release() => _gate.Set();

        public void Dispose() => _gate.Dispose();
    }

    private sealed class CountingExecutor : IStageExecutor
    {
        public int Calls { get; private set; }

        public OperationCost Plan(in StageWork work)
        {
            Calls++;
            return new(1e6, 1_000);
        }

        public StageOutput Execute(in StageWork work)
        {
            Calls++;
            return StageOutput.Bitstream(1);
        }
    }

    private sealed class FailingOnceExecutor : IStageExecutor
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public OperationCost Plan(in StageWork work) => new(1e6, 1_000);

        public StageOutput Execute(in StageWork work) =>
            Interlocked.Increment(ref _calls) == 1 ? throw new InvalidDataException("corrupt input") : StageOutput.Bitstream(8_000);
    }
}
