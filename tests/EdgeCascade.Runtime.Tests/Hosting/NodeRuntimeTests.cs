using EdgeCascade.Runtime.Hosting;
using EdgeCascade.Runtime.Transport;

namespace EdgeCascade.Runtime.Tests.Hosting;

public sealed class NodeRuntimeTests : IDisposable
{
    private readonly ClusterTestBed _bed = new(distinctImages: 2);

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task ForkingRelay_BothBranchesHeld_AcksItsMessageOnlyAfterBothAreConfirmed()
    {
        await using var transport = new GatedTransport("monitor", "archive");
        await using NodeRuntime camera = await Start("camera", transport);
        await using NodeRuntime relay = await Start("relay", transport);

        await ImageSender.SendAsync(transport, FlowTree.Topology, _bed.Images, count: 1);
        await WaitFor(() => transport.Waiting("monitor") == 1 && transport.Waiting("archive") == 1, "both branches to be published");

        // One message from the camera carried both flows; the relay forked it into one message per destination.
        (string Node, Envelope Envelope) uplink = Assert.Single(transport.Published, p => p.Node == "relay");
        Assert.Equal([FlowTree.Watch, FlowTree.Keep], uplink.Envelope.Flows);
        Assert.Equal(1, relay.InFlight);

        transport.Open("monitor");
        await WaitFor(() => relay.Statistics.Forwarded == 1, "the monitor branch to be confirmed");
        await Task.Delay(300);
        Assert.Equal(1, relay.InFlight); // still held: the archive branch is not confirmed

        transport.Open("archive");
        await WaitFor(() => relay.InFlight == 0, "the relay to settle its message");
        Assert.Equal((2L, 0L, 0L), (relay.Statistics.Forwarded, relay.Statistics.Returned, relay.Statistics.Refused));
        Assert.Equal([FlowTree.Watch], Assert.Single(transport.Published, p => p.Node == "monitor").Envelope.Flows);
        Assert.Equal([FlowTree.Keep], Assert.Single(transport.Published, p => p.Node == "archive").Envelope.Flows);
    }

    [Fact]
    public async Task ForkingRelay_OneBranchFailsToPublish_GivesTheWholeMessageBack()
    {
        await using var transport = new GatedTransport("monitor", "archive");
        await using NodeRuntime camera = await Start("camera", transport);
        await using NodeRuntime relay = await Start("relay", transport);

        await ImageSender.SendAsync(transport, FlowTree.Topology, _bed.Images, count: 1);
        await WaitFor(() => transport.Waiting("monitor") == 1 && transport.Waiting("archive") == 1, "both branches to be published");
        transport.Open("archive", new TransportException("archive link down"));
        await Task.Delay(300);
        Assert.Equal((1, 0L), (relay.InFlight, relay.Statistics.Returned)); // the monitor branch is still open

        // Given back once for both flows (not acked for the branch that got through): it comes back and is worked on
        // again, the monitor branch published a second time (its sink drops the duplicate).
        transport.Open("monitor");
        await WaitFor(() => relay.Statistics.Returned >= 1, "the relay to give the message back");
        await WaitFor(() => relay.Statistics.Received >= 2, "the message to come back to the relay");
        await WaitFor(() => transport.Published.Count(p => p.Node == "monitor") >= 2, "the monitor branch to be published again");
        Assert.Equal(0, relay.Statistics.Refused);
    }

    [Fact]
    public async Task ForkingRelay_EveryBranchRefusedDownstream_RefusesItsMessage()
    {
        await using var transport = new GatedTransport("monitor", "archive");
        await using NodeRuntime camera = await Start("camera", transport);
        await using NodeRuntime relay = await Start("relay", transport);

        await ImageSender.SendAsync(transport, FlowTree.Topology, _bed.Images, count: 1);
        await WaitFor(() => transport.Waiting("monitor") == 1 && transport.Waiting("archive") == 1, "both branches to be published");
        transport.Open("monitor", new MessageRejectedException("monitor does not run this plan"));
        await Task.Delay(300);
        Assert.Equal((1, 0L), (relay.InFlight, relay.Statistics.Refused)); // one branch refused, the other still open

        transport.Open("archive", new MessageRejectedException("archive does not run this plan"));
        await WaitFor(() => relay.InFlight == 0, "the relay to settle its message");
        Assert.Equal((1L, 0L, 0L), (relay.Statistics.Refused, relay.Statistics.Forwarded, relay.Statistics.Returned));
    }

    private Task<NodeRuntime> Start(string node, ITransport transport) => NodeRuntime.StartAsync(
        new NodeHostOptions { Topology = FlowTree.Topology, NodeName = node, OutputDirectory = _bed.NewDirectory(node), ShapeLinks = false },
        transport,
        _bed.Engine);

    private static async Task WaitFor(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(10);
        }
    }
}
