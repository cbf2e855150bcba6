using EdgeCascade.Runtime.Hosting;
using EdgeCascade.Runtime.Membership;
using EdgeCascade.Runtime.Tests.Transport;
using EdgeCascade.Runtime.Transport;

namespace EdgeCascade.Runtime.Tests.Hosting;

/// <summary>
/// Three node hosts over a real broker. Each host is a <see cref="NodeRuntime"/> with its own RabbitMQ connection
/// (in this test process rather than three OS processes, to keep CI time small); a "killed" relay drops its
/// connection with deliveries unacked, which is what the broker sees when a process dies by SIGKILL.
/// </summary>
[RequiresRabbitMq]
public sealed class RabbitMqClusterTests : IDisposable
{
    private readonly ClusterTestBed _bed = new();
    private readonly string _topology = $"hc{Guid.NewGuid():N}"[..12];
    private readonly List<RabbitMqTransport> _transports = [];

    public void Dispose() => _bed.Dispose();

    [TransportFact]
    public async Task ThreeHosts_200Images_DeliveredOnceAndIdenticalToInProcessRun()
    {
        string output = _bed.NewDirectory("rmq");
        var nodes = new List<NodeRuntime>();
        try
        {
            foreach (string node in new[] { "camera", "relay", "cloud" })
            {
                nodes.Add(await StartNodeAsync(node, output));
            }

            RabbitMqTransport sender = await ConnectAsync();
            await ImageSender.SendAsync(sender, _bed.Topology, _bed.Images, count: 200);
            await WaitForAsync(() => nodes[2].Statistics.Delivered >= 200, TimeSpan.FromMinutes(3));

            _bed.AssertDelivered(output, 200);
            Assert.Equal(200, nodes[0].Statistics.Forwarded);
            Assert.Equal(0, nodes[2].Statistics.Duplicates);
        }
        finally
        {
            await StopAllAsync(nodes);
        }
    }

    [TransportFact]
    public async Task RelayKilledMidRun_Restarted_NoImageLostNoneDeliveredTwice()
    {
        const int Count = 300;
        string output = _bed.NewDirectory("kill");
        var nodes = new List<NodeRuntime>();
        try
        {
            nodes.Add(await StartNodeAsync("camera", output));
            (NodeRuntime relay, RabbitMqTransport relayTransport) = await StartNodeWithTransportAsync("relay", output);
            nodes.Add(await StartNodeAsync("cloud", output));

            RabbitMqTransport sender = await ConnectAsync();
            Task sending = ImageSender.SendAsync(sender, _bed.Topology, _bed.Images, count: Count, ratePerSecond: 600);
            await WaitForAsync(() => relay.Statistics.Forwarded >= 60, TimeSpan.FromMinutes(2));

            // Crash: no drain, no acks; the connection goes away with deliveries in flight.
            await relay.AbortAsync();
            await relayTransport.DisposeAsync();
            long forwardedBeforeCrash = relay.Statistics.Forwarded;
            Assert.True(forwardedBeforeCrash < Count);

            (NodeRuntime restarted, _) = await StartNodeWithTransportAsync("relay", output);
            nodes.Add(restarted);
            await sending;
            await WaitForAsync(() => nodes[1].Statistics.Delivered >= Count, TimeSpan.FromMinutes(3));
            await Task.Delay(300); // let any straggling duplicate arrive

            _bed.AssertDelivered(output, Count);
            Assert.Equal(Count, nodes[1].Statistics.Delivered);
        }
        finally
        {
            await StopAllAsync(nodes);
        }
    }

    [TransportFact]
    public async Task Membership_ThreeHosts_AllUpThenRelayDown()
    {
        string output = _bed.NewDirectory("members");
        var nodes = new List<NodeRuntime>();
        try
        {
            nodes.Add(await StartNodeAsync("camera", output, TimeSpan.FromMilliseconds(200)));
            (NodeRuntime relay, RabbitMqTransport relayTransport) = await StartNodeWithTransportAsync("relay", output, TimeSpan.FromMilliseconds(200));
            nodes.Add(await StartNodeAsync("cloud", output, TimeSpan.FromMilliseconds(200)));
            MembershipService camera = nodes[0].Membership!;
            await WaitForAsync(() => camera.GetStatus().AllUp, TimeSpan.FromSeconds(20));

            await relay.AbortAsync();
            await relayTransport.DisposeAsync();
            await WaitForAsync(() => camera.GetStatus().Find("relay")!.Status == MemberStatus.Down, TimeSpan.FromSeconds(30));

            Assert.Equal(2, camera.GetStatus().UpCount);
        }
        finally
        {
            await StopAllAsync(nodes);
        }
    }

    [Fact]
    public async Task Connect_BrokerDown_OneLineTransportExceptionAfterBoundedRetry()
    {
        var options = new RabbitMqTransportOptions
        {
            BrokerUri = new Uri("amqp://127.0.0.1:1/"),
            ConnectAttempts = 3,
            InitialRetryDelay = TimeSpan.FromMilliseconds(50),
        };

        TransportException error = await Assert.ThrowsAsync<TransportException>(() => RabbitMqTransport.ConnectAsync(options));

        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("cannot reach RabbitMQ at amqp://127.0.0.1:1", error.Message);
        Assert.Contains("3 attempts", error.Message);
    }

    private async Task<NodeRuntime> StartNodeAsync(string node, string output, TimeSpan? heartbeat = null) =>
        (await StartNodeWithTransportAsync(node, output, heartbeat)).Runtime;

    private async Task<(NodeRuntime Runtime, RabbitMqTransport Transport)> StartNodeWithTransportAsync(string node, string output, TimeSpan? heartbeat = null)
    {
        RabbitMqTransport transport = await ConnectAsync();
        RabbitMqHeartbeatBus bus = await RabbitMqHeartbeatBus.CreateAsync(transport);
        var options = new NodeHostOptions
        {
            Topology = _bed.Topology,
            NodeName = node,
            OutputDirectory = output,
            HeartbeatInterval = heartbeat ?? TimeSpan.FromSeconds(1),
            DrainTimeout = TimeSpan.FromSeconds(5),
        };
        NodeRuntime runtime = await NodeRuntime.StartAsync(options, transport, _bed.Engine, bus);
        return (runtime, transport);
    }

    private async Task<RabbitMqTransport> ConnectAsync()
    {
        RabbitMqTransport transport = await RabbitMqTransport.ConnectAsync(new RabbitMqTransportOptions
        {
            BrokerUri = TestBroker.Uri,
            Topology = _topology,
            ConnectAttempts = 3,
        });
        _transports.Add(transport);
        return transport;
    }

    private async Task StopAllAsync(List<NodeRuntime> nodes)
    {
        foreach (NodeRuntime node in nodes)
        {
            await node.StopAsync();
        }

        if (_transports.Count > 0)
        {
            RabbitMqTransport admin = await ConnectAsync();
            foreach (string node in new[] { "camera", "relay", "cloud" })
            {
                await admin.DeleteQueueAsync(node);
            }
        }

        foreach (RabbitMqTransport transport in _transports)
        {
            await transport.DisposeAsync();
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"condition not met within {timeout.TotalSeconds:0} s");
            }

            await Task.Delay(20);
        }
    }
}
