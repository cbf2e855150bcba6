using EdgeCascade.Actors.Budgets;
using EdgeCascade.Actors.Kernel;
using EdgeCascade.Actors.Messages;
using EdgeCascade.Actors.Nodes;
using EdgeCascade.Actors.Policies;
using EdgeCascade.Actors.Scheduling;
using EdgeCascade.Actors.TestKit;

namespace EdgeCascade.Actors.Tests.Nodes;

/// <summary>
/// One node actor in virtual time with a fake executor: every stage costs 1e6 FLOPs on a 1 GFLOP/s
/// GPU (1 ms) and emits 8,000 bits; the outgoing port forwards transfers to the test actor.
/// </summary>
public sealed class NodeActorTests : ActorTestKit
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

        HopTransfer transfer = ExpectMsg<HopTransfer>();
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

        Assert.Equal(0, ExpectMsg<HopTransfer>().Image.ImageId);
        Assert.Equal(1 * Ms, Now);
        Assert.Equal(1, ExpectMsg<HopTransfer>().Image.ImageId);
        Assert.Equal(2 * Ms, Now);
    }

    [Fact]
    public void ImageArrived_QueueFull_DropsAndReportsQueueFull()
    {
        var observer = new RecordingObserver();
        IActorRef node = CreateNode("src", new GpuBudget(1e9, 1 << 20, 1, 0), observer);

        node.Tell(new ImageArrived(Image(0)));
        node.Tell(new ImageArrived(Image(1)));
        ExpectMsg<HopTransfer>();
        ExpectNoMsg(TimeSpan.FromSeconds(1));

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
        ExpectNoMsg(TimeSpan.FromSeconds(1));

        Assert.Equal(DropReason.Memory, Assert.Single(observer.Dropped).Reason);
    }

    [Fact]
    public void HopTransfer_DestinationStage_ReportsDeliveryWithQuality()
    {
        var observer = new RecordingObserver();
        IActorRef node = CreateNode("dst", new GpuBudget(1e9, 1 << 20, 1, 4), observer);
        ImageTrace image = Image(0);

        node.Tell(new HopTransfer(image, 1, 8_000));
        ExpectNoMsg(TimeSpan.FromSeconds(1));

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
        Watch(node);

        node.Tell(new HopTransfer(Image(0), 1, 8_000));

        // The default strategy restarts the node; it keeps working afterwards.
        node.Tell(new ImageArrived(Image(1)));
        Assert.Equal(1, ExpectMsg<HopTransfer>().Image.ImageId);
    }

    [Fact]
    public void ImageArrived_AsynchronousExecutor_ForwardsOnceTimeAndOutputAreBothDone()
    {
        var executor = new DeferredExecutor();
        IActorRef node = CreateNode("src", new GpuBudget(1e9, 1 << 20, 1, 4), new RecordingObserver(), executor);

        node.Tell(new ImageArrived(Image(0)));
        ExpectNoMsg(TimeSpan.FromMilliseconds(5));
        executor.Complete(StageOutput.Bitstream(123));

        HopTransfer transfer = ExpectMsg<HopTransfer>();
        Assert.Equal(123, transfer.Bits);
        Assert.Equal(5 * Ms, Now);
    }

    private IActorRef CreateNode(string name, GpuBudget budget, RecordingObserver observer, IStageExecutor? executor = null)
    {
        var route = new FlowRoute(0, "flow", s_plan, DeadlineNs: null, 10, 10);
        ILinkPort[] ports = name == "src" ? [new ProbePort("src", "dst", TestActor)] : [];
        var settings = new NodeActorSettings(name, budget, executor ?? new FixedExecutor(), [route], ports, observer);
        return Sys.ActorOf(NodeActor.Props(settings));
    }

    private static ImageTrace Image(long id) => new(0, id, 0, 0, 1);

    private sealed class FixedExecutor : IStageExecutor
    {
        public OperationCost Plan(in StageWork work) => new(1e6, 1_000);

        public ValueTask<StageOutput> ExecuteAsync(StageWork work, CancellationToken cancellationToken = default) =>
            new(work.Stage.IsDestination ? new StageOutput(0, null, 31.5, double.NaN) : StageOutput.Bitstream(8_000));
    }

    private sealed class DeferredExecutor : IStageExecutor
    {
        private readonly TaskCompletionSource<StageOutput> _output = new();

        public OperationCost Plan(in StageWork work) => new(1e6, 1_000);

        public ValueTask<StageOutput> ExecuteAsync(StageWork work, CancellationToken cancellationToken = default) => new(_output.Task);

        public void Complete(StageOutput output) => _output.SetResult(output);
    }

    private sealed class ProbePort(string from, string to, IActorRef target) : ILinkPort
    {
        public string From { get; } = from;

        public string To { get; } = to;

        public void Send(HopTransfer transfer) => target.Tell(transfer);
    }

    private sealed class RecordingObserver : INodeObserver
    {
        public List<ImageTrace> Delivered { get; } = [];

        public List<(ImageTrace Image, DropReason Reason)> Dropped { get; } = [];

        public void OnDelivered(ImageTrace image, long nowNs) => Delivered.Add(image);

        public void OnDropped(ImageTrace image, DropReason reason, string node, long nowNs) => Dropped.Add((image, reason));
    }
}
