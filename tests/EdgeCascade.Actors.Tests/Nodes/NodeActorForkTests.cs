using Akka.Actor;
using EdgeCascade.Actors.Budgets;
using EdgeCascade.Actors.Messages;
using EdgeCascade.Actors.Nodes;
using EdgeCascade.Actors.Policies;
using EdgeCascade.Actors.Scheduling;
using EdgeCascade.Simulation.Tests.Support;

namespace EdgeCascade.Actors.Tests.Nodes;

/// <summary>
/// One captured image of two flows of the same source (campus-tree's cam1: a monitor at level 7 on regional, an archive
/// at level 5 on cloud, sharing cam -> edge -> regional). Every operator costs 1 ms on the test GPU.
/// </summary>
public sealed class NodeActorForkTests : VirtualTimeTestKit
{
    private const long Ms = 1_000_000;

    private static readonly FlowRoute s_monitor = new(
        0, "monitor", HopPlan.Create(QuantizationPolicy.FromTransmitLevels(9, 7, [9, 7]), ["cam", "edge", "regional"]), null, 10, 10);

    private static readonly FlowRoute s_archive = new(
        1, "archive", HopPlan.Create(QuantizationPolicy.FromTransmitLevels(9, 5, [9, 7, 5]), ["cam", "edge", "regional", "cloud"]), null, 10, 10);

    [Fact]
    public void ImageArrived_RiderWithTheSameStage_OneJobAndOneBitstreamForBoth()
    {
        var executor = new PerOperationExecutor();
        var budget = new GpuBudget(1e9, 1 << 20, 1, 4);
        IActorRef node = Node("cam", budget, executor, new RecordingObserver(), new ProbePort("cam", "edge", TestActor));
        var (monitor, archive) = Images();

        node.Tell(new ImageArrived(monitor, null, [archive]));

        HopTransfer transfer = ExpectMsgInVirtualTime<HopTransfer>();
        Assert.Equal(2 * Ms, Now); // g_a^9, Q^9,E^9 once
        Assert.Same(monitor, transfer.Image);
        Assert.Same(archive, Assert.Single(transfer.Riders!));
        Assert.Equal(8_000, monitor.HopBits[0]);
        Assert.Equal(8_000, archive.HopBits[0]);
        RunUntilIdle();
        Assert.Equal(1, budget.CompletedJobs);
        Assert.Equal(1, executor.Executions);
    }

    [Fact]
    public void HopTransfer_FlowsDivergeHere_ForksAndChargesTheSharedDecodeOnce()
    {
        var executor = new PerOperationExecutor();
        var budget = new GpuBudget(1e9, 1 << 20, 2, 4);
        var observer = new RecordingObserver();
        IActorRef node = Node("regional", budget, executor, observer, new ProbePort("regional", "cloud", TestActor));
        var (monitor, archive) = Images();

        node.Tell(new HopTransfer(monitor, 2, 8_000, null, [archive]));

        HopTransfer toCloud = ExpectMsgInVirtualTime<HopTransfer>();
        Assert.Same(archive, toCloud.Image);
        Assert.Null(toCloud.Riders);
        RunUntilIdle();
        Assert.Same(monitor, Assert.Single(observer.Delivered));
        // monitor: D^7, g_s^7 (2 ms); archive: D^7 shared, then φ^inter_{7→6}, φ^intra_{6→5}, Q^5,E^5 (3 ms).
        Assert.Equal([(0, 0), (1, 1)], executor.Planned);
        Assert.Equal(2 * Ms, monitor.DeliveredNs);
        Assert.Equal(2, budget.CompletedJobs);
        Assert.Equal(5e6, budget.CompletedFlops);
    }

    [Fact]
    public void ImageArrived_QueueFull_DropsEveryFlowOfTheImage()
    {
        var observer = new RecordingObserver();
        IActorRef node = Node("cam", new GpuBudget(1e9, 1 << 20, 1, 0), new PerOperationExecutor(), observer, new ProbePort("cam", "edge", TestActor));
        var first = Images();
        var second = Images();

        node.Tell(new ImageArrived(first.Monitor, null, [first.Archive]));
        node.Tell(new ImageArrived(second.Monitor, null, [second.Archive]));
        ExpectMsgInVirtualTime<HopTransfer>();
        RunUntilIdle();

        Assert.Equal([second.Monitor, second.Archive], observer.Dropped.Select(d => d.Image));
        Assert.All(observer.Dropped, d => Assert.Equal(DropReason.QueueFull, d.Image.DropReason));
    }

    private IActorRef Node(string name, GpuBudget budget, IStageExecutor executor, INodeObserver observer, ILinkPort port) =>
        ActorOnTestThread(NodeActor.Props(new NodeActorSettings(name, budget, executor, [s_monitor, s_archive], [port], observer)));

    private static (ImageTrace Monitor, ImageTrace Archive) Images() => (new ImageTrace(0, 0, 0, 0, 2), new ImageTrace(1, 0, 0, 0, 3));

    private sealed class PerOperationExecutor : IStageExecutor
    {
        public List<(int Flow, int Shared)> Planned { get; } = [];

        public int Executions { get; private set; }

        public OperationCost Plan(in StageWork work)
        {
            Planned.Add((work.Route.Index, work.SharedOperations));
            return new OperationCost(1e6 * work.ChargedStage.Operations.Count, 1_000);
        }

        public StageOutput Execute(in StageWork work)
        {
            Executions++;
            return work.Stage.IsDestination ? new StageOutput(0, null, 30, double.NaN) : StageOutput.Bitstream(8_000);
        }
    }
}
