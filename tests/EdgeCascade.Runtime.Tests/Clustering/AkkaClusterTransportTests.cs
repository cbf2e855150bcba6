using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EdgeCascade.Codec.Bitstreams;
using EdgeCascade.Codec.Cascade;
using EdgeCascade.Codec.Imaging;
using EdgeCascade.Codec.Models;
using EdgeCascade.Codec.Tensors;
using EdgeCascade.Codec.Tests.Models;
using EdgeCascade.Runtime.Clustering;
using EdgeCascade.Runtime.Tests.Transport;
using EdgeCascade.Runtime.Transport;
using Xunit.Abstractions;
using Envelope = EdgeCascade.Runtime.Transport.Envelope;

namespace EdgeCascade.Runtime.Tests.Clustering;

/// <summary>
/// Real cluster members in this process, on 127.0.0.1 with Akka.Remote over TCP, every message forced through
/// serialization (<c>serialize-messages = on</c>): the node protocol round-trips on the wire.
/// </summary>
public sealed class AkkaClusterTransportTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly DateTimeOffset s_createdAt = new(2026, 12, 4, 22, 0, 0, TimeSpan.Zero);
    private readonly List<AkkaClusterTransport> _members = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (AkkaClusterTransport member in _members)
        {
            await member.DisposeAsync();
        }
    }

    [Fact]
    public async Task Publish_ToAnotherMember_DeliversAndCompletesOnlyAfterAck()
    {
        (AkkaClusterTransport a, AkkaClusterTransport b) = await TwoMembersAsync("camera", "cloud");
        var probe = new DeliveryProbe();
        await using ISubscription subscription = await b.SubscribeAsync("cloud", probe.Handle);
        byte[] payload = TestMessages.Payload(16 * 1024, seed: 1);
        Envelope envelope = Envelope.Create("flow-a", 7, 2, "0101", payload, s_createdAt);

        Task published = a.PublishAsync("cloud", envelope, payload);
        Delivery delivery = await probe.NextAsync();

        Assert.Equal(envelope, delivery.Envelope);
        Assert.Equal(payload, delivery.Payload.ToArray());
        await Task.Delay(300);
        Assert.False(published.IsCompleted, "confirmed upstream before the receiver acked");
        await delivery.AckAsync();
        await published.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Publish_PayloadOfAFullHdLatentSize_CrossesTheWire()
    {
        // 2 MiB: well above Akka.Remote's default 128000-byte frame and above a 1920x1080 image's latent packet.
        (AkkaClusterTransport a, AkkaClusterTransport b) = await TwoMembersAsync("camera", "cloud");
        var probe = new DeliveryProbe();
        await using ISubscription subscription = await b.SubscribeAsync("cloud", probe.Handle);
        byte[] payload = TestMessages.Payload(2 * 1024 * 1024, seed: 2);

        Task published = a.PublishAsync("cloud", Envelope.Create("flow-a", 1, 0, "p", payload, s_createdAt), payload);
        Delivery delivery = await probe.NextAsync();
        await delivery.AckAsync();
        await published.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(payload, delivery.Payload.ToArray());
    }

    [Fact]
    public async Task Publish_A1920x1080ImageAndItsLatent_CrossTheWireIntact()
    {
        // What a 1080p camera really sends: the PNG on the source's inbound hop and the latent packet on the next one.
        using var family = new SyntheticFamily(seed: 44);
        var engine = new CascadeEngine(ModelFamily.Load(family.Directory));
        RgbImage image = SyntheticImages.Gradient(1920, 1080, seed: 5);
        string pngPath = Path.Combine(Path.GetTempPath(), $"ec-1080p-{Guid.NewGuid():N}.png");
        ImageFile.Write(pngPath, image);
        byte[] png = File.ReadAllBytes(pngPath);
        File.Delete(pngPath);
        Tensor latent = engine.Analyze(image, 6, out ImageGeometry geometry);
        byte[] packet = LatentPacketCodec.Encode(engine.Encode(latent, 6, geometry).Packet);
        (AkkaClusterTransport a, AkkaClusterTransport b) = await TwoMembersAsync("camera", "cloud");
        var probe = new DeliveryProbe();
        await using ISubscription subscription = await b.SubscribeAsync("cloud", probe.Handle);

        foreach ((byte[] payload, int id) in new[] { (png, 1), (packet, 2) })
        {
            Task published = a.PublishAsync("cloud", Envelope.Create("flow-a", id, 6, "p", payload, s_createdAt), payload);
            Delivery delivery = await probe.NextAsync();
            await delivery.AckAsync();
            await published.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(payload, delivery.Payload.ToArray());
        }

        Assert.Equal(1920, ImageFile.Decode(png).Width);
        LatentPacket received = LatentPacketCodec.Decode(packet, engine.FamilyId);
        Assert.Equal((1920, 1080), (received.ImageWidth, received.ImageHeight));
        output.WriteLine($"1080p PNG {png.Length} bytes, level-6 latent packet {packet.Length} bytes");
    }

    [Fact]
    public async Task NackWithRequeue_RedeliversTheSameFrameMarkedRedelivered()
    {
        (AkkaClusterTransport a, AkkaClusterTransport b) = await TwoMembersAsync("camera", "cloud");
        var probe = new DeliveryProbe();
        await using ISubscription subscription = await b.SubscribeAsync("cloud", probe.Handle);
        byte[] payload = TestMessages.Payload(100, seed: 3);
        Task published = a.PublishAsync("cloud", Envelope.Create("flow-a", 1, 0, "p", payload, s_createdAt), payload);

        Delivery first = await probe.NextAsync();
        await first.NackAsync(requeue: true);
        Delivery second = await probe.NextAsync();

        Assert.True(second.Redelivered);
        Assert.Equal(first.Envelope, second.Envelope);
        Assert.False(published.IsCompleted);
        await second.AckAsync();
        await published.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Reject_FailsThePublishWithTheReceiversReason_AndTheLaneGoesOn()
    {
        (AkkaClusterTransport a, AkkaClusterTransport b) = await TwoMembersAsync("camera", "cloud");
        var probe = new DeliveryProbe();
        await using ISubscription subscription = await b.SubscribeAsync("cloud", probe.Handle);
        byte[] payload = TestMessages.Payload(100, seed: 4);
        Task refused = a.PublishAsync("cloud", Envelope.Create("flow-a", 1, 0, "p", payload, s_createdAt), payload);

        await (await probe.NextAsync()).RejectAsync("planned with policy p, this node runs q");

        var error = await Assert.ThrowsAsync<MessageRejectedException>(() => refused.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("node cloud refused flow flow-a image 1: planned with policy p, this node runs q", error.Message);
        Task accepted = a.PublishAsync("cloud", Envelope.Create("flow-a", 2, 0, "p", payload, s_createdAt), payload);
        await (await probe.NextAsync()).AckAsync();
        await accepted.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Relay_ConfirmsUpstreamAfterDownstream_PipelinesAndLosesNothing()
    {
        int[] ports = FreePorts.Take(3);
        AkkaClusterTransport source = await StartAsync("camera", ports[0], ports[0]);
        AkkaClusterTransport relay = await StartAsync("base", ports[1], ports[0]);
        AkkaClusterTransport sink = await StartAsync("cloud", ports[2], ports[0]);
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<long, int>();
        await using ISubscription relaying = await relay.SubscribeAsync(
            "base",
            (delivery, cancellationToken) =>
            {
                // Forward, then ack upstream only once the sink confirmed (never blocking the lane receiver).
                _ = relay.PublishAsync("cloud", delivery.Envelope.Forwarded(), delivery.Payload)
                    .ContinueWith(t => t.IsCompletedSuccessfully ? delivery.AckAsync() : delivery.NackAsync(requeue: true), TaskScheduler.Default);
                return Task.CompletedTask;
            },
            new SubscribeOptions { Prefetch = 64 });
        await using ISubscription sinking = await sink.SubscribeAsync(
            "cloud",
            async (delivery, _) =>
            {
                seen.AddOrUpdate(delivery.Envelope.ImageId, 1, (_, n) => n + 1);
                await delivery.AckAsync();
            },
            new SubscribeOptions { Prefetch = 64 });

        const int Count = 300;
        byte[] payload = TestMessages.Payload(16 * 1024, seed: 4);
        var watch = Stopwatch.StartNew();
        Task[] published = Enumerable.Range(0, Count)
            .Select(i => source.PublishAsync("base", Envelope.Create("flow-a", i, 0, "p", payload, s_createdAt), payload))
            .ToArray();
        await Task.WhenAll(published).WaitAsync(TimeSpan.FromSeconds(60));
        watch.Stop();

        Assert.Equal(Count, seen.Count);
        Assert.All(seen.Values, n => Assert.Equal(1, n));
        double rate = Count / watch.Elapsed.TotalSeconds;
        output.WriteLine($"{Count} x 16 KiB through source -> relay -> sink in {watch.Elapsed.TotalSeconds:0.00} s: {rate:0} msg/s");
    }

    [Fact]
    public async Task SenderLeavesTheCluster_ReceiverStopsItsLanes()
    {
        int[] ports = FreePorts.Take(2);
        AkkaClusterTransport receiver = await StartAsync("cloud", ports[0], ports[0]);
        AkkaClusterTransport sender = await StartAsync("send-1", ports[1], ports[0]);
        var probe = new DeliveryProbe();
        await using ISubscription subscription = await receiver.SubscribeAsync("cloud", probe.Handle);
        byte[] payload = TestMessages.Payload(100, seed: 5);
        Task published = sender.PublishAsync("cloud", Envelope.Create("flow-a", 1, 0, "p", payload, s_createdAt), payload);
        await (await probe.NextAsync()).AckAsync();
        await published.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(LaneReceivers(receiver) > 0);

        await sender.DisposeAsync(); // graceful leave: the receiver sees it Removed
        _members.Remove(sender);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (LaneReceivers(receiver) > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Equal(0, LaneReceivers(receiver));
    }

    private static int LaneReceivers(AkkaClusterTransport member)
    {
        var inbox = Akka.Actor.Inbox.Create(member.System);
        member.System.ActorSelection("/user/inbox/lane-*").Tell(new Akka.Actor.Identify(1), inbox.Receiver);
        int count = 0;
        try
        {
            while (true)
            {
                if (inbox.Receive(TimeSpan.FromMilliseconds(300)) is Akka.Actor.ActorIdentity { Subject: not null })
                {
                    count++;
                }
            }
        }
        catch (Exception error) when (error is TimeoutException or AggregateException { InnerException: TimeoutException })
        {
            // No more answers. Akka's Inbox throws the timeout bare or wrapped, depending on where the wait ended.
            return count;
        }
    }

    [Fact]
    public async Task Start_NoSeedAnswers_FailsWithOneLineWithinTheTimeout()
    {
        int[] ports = FreePorts.Take(2);
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<TransportException>(() => StartAsync("camera", ports[0], ports[1], TimeSpan.FromSeconds(3)));

        Assert.Contains("no seed node answered", error.Message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{ports[1]}", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.InRange(watch.Elapsed.TotalSeconds, 2.5, 15);
    }

    [Fact]
    public async Task Start_PortInUse_FailsWithOneLine()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<TransportException>(() => StartAsync("camera", port, port));

        Assert.Contains($"cannot listen on 127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_ShowEveryNodeWithItsRoleUpAndReachable()
    {
        (AkkaClusterTransport a, AkkaClusterTransport b) = await TwoMembersAsync("camera", "cloud");
        IReadOnlyList<ClusterMember> members = a.Members();
        for (int i = 0; i < 50 && members.Count(m => m.Status == "Up") < 2; i++)
        {
            await Task.Delay(100);
            members = a.Members();
        }

        Assert.Equal(["camera", "cloud"], members.SelectMany(m => m.Roles).Order(StringComparer.Ordinal));
        Assert.All(members, m => Assert.True(m.Reachable));
        Assert.All(members, m => Assert.Equal("Up", m.Status));
        Assert.Single(members, m => m.IsSelf);
    }

    private async Task<(AkkaClusterTransport A, AkkaClusterTransport B)> TwoMembersAsync(string first, string second)
    {
        int[] ports = FreePorts.Take(2);
        AkkaClusterTransport a = await StartAsync(first, ports[0], ports[0]);
        AkkaClusterTransport b = await StartAsync(second, ports[1], ports[0]);
        return (a, b);
    }

    private async Task<AkkaClusterTransport> StartAsync(string node, int port, int seedPort, TimeSpan? joinTimeout = null)
    {
        var settings = new ClusterSettings
        {
            Listen = ClusterEndpoint.Create("127.0.0.1", port),
            SeedNodes = [ClusterEndpoint.Create("127.0.0.1", seedPort)],
            Role = node,
            JoinTimeout = joinTimeout ?? TimeSpan.FromSeconds(20),
            SerializeMessages = true,
        };
        AkkaClusterTransport member = await AkkaClusterTransport.StartAsync(settings, node);
        _members.Add(member);
        return member;
    }
}
