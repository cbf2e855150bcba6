using System.Collections.Concurrent;
using EdgeCascade.Runtime.Membership;
using EdgeCascade.Runtime.Tests.Transport;
using EdgeCascade.Runtime.Transport;

namespace EdgeCascade.Runtime.Tests.Membership;

[RequiresRabbitMq]
public sealed class RabbitMqHeartbeatBusTests
{
    [TransportFact]
    public async Task PublishAsync_TwoConnections_EachSubscriberGetsEveryHeartbeat()
    {
        var options = new RabbitMqTransportOptions { BrokerUri = TestBroker.Uri, Topology = $"hb{Guid.NewGuid():N}"[..12] };
        await using RabbitMqTransport first = await RabbitMqTransport.ConnectAsync(options);
        await using RabbitMqTransport second = await RabbitMqTransport.ConnectAsync(options);
        await using RabbitMqHeartbeatBus firstBus = await RabbitMqHeartbeatBus.CreateAsync(first);
        await using RabbitMqHeartbeatBus secondBus = await RabbitMqHeartbeatBus.CreateAsync(second);
        var atFirst = new ConcurrentQueue<Heartbeat>();
        var atSecond = new ConcurrentQueue<Heartbeat>();
        await using IAsyncDisposable s1 = await firstBus.SubscribeAsync(h => { atFirst.Enqueue(h); return Task.CompletedTask; });
        await using IAsyncDisposable s2 = await secondBus.SubscribeAsync(h => { atSecond.Enqueue(h); return Task.CompletedTask; });
        var camera = new Heartbeat("camera", Guid.NewGuid(), 1, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var relay = new Heartbeat("relay", Guid.NewGuid(), 7, new DateTimeOffset(2026, 1, 1, 0, 0, 1, TimeSpan.Zero));

        await firstBus.PublishAsync(camera);
        await secondBus.PublishAsync(relay);

        DateTime deadline = DateTime.UtcNow.AddSeconds(10);
        while ((atFirst.Count < 2 || atSecond.Count < 2) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal([camera, relay], atFirst.OrderBy(h => h.Node));
        Assert.Equal([camera, relay], atSecond.OrderBy(h => h.Node));
    }

    [TransportFact]
    public async Task MembershipService_OverBroker_SeesPeerUp()
    {
        var options = new RabbitMqTransportOptions { BrokerUri = TestBroker.Uri, Topology = $"hb{Guid.NewGuid():N}"[..12] };
        await using RabbitMqTransport first = await RabbitMqTransport.ConnectAsync(options);
        await using RabbitMqTransport second = await RabbitMqTransport.ConnectAsync(options);
        await using RabbitMqHeartbeatBus firstBus = await RabbitMqHeartbeatBus.CreateAsync(first);
        await using RabbitMqHeartbeatBus secondBus = await RabbitMqHeartbeatBus.CreateAsync(second);
        var interval = TimeSpan.FromMilliseconds(100);
        await using var camera = new MembershipService(new MembershipOptions { NodeName = "camera", HeartbeatInterval = interval }, firstBus);
        await using var relay = new MembershipService(new MembershipOptions { NodeName = "relay", HeartbeatInterval = interval }, secondBus);

        await camera.StartAsync(CancellationToken.None);
        await relay.StartAsync(CancellationToken.None);
        DateTime deadline = DateTime.UtcNow.AddSeconds(10);
        while (camera.GetStatus().Find("relay")?.Status != MemberStatus.Up && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(MemberStatus.Up, camera.GetStatus().Find("relay")?.Status);
    }
}
