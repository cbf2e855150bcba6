using EdgeCascade.Runtime.Transport;

namespace EdgeCascade.Runtime.Tests.Transport;

/// <summary>The contract against a real broker, plus what only a broker can show (durability across connections).</summary>
[RequiresRabbitMq]
public sealed class RabbitMqTransportTests : TransportContractTests
{
    private readonly string _topology = $"test{Guid.NewGuid():N}"[..12];

    [TransportFact]
    public async Task DisposeTransport_WithUnackedDelivery_NewConnectionGetsItAgain()
    {
        string node = NewNode();
        byte[] payload = TestMessages.Payload(16 * 1024, seed: 20);
        Envelope envelope = Envelope.Create("flow-a", 1, 0, "p", payload, DateTimeOffset.UnixEpoch);
        await Transport.PublishAsync(node, envelope, payload);

        // A whole process "crashes": its connection goes away with the delivery unacked.
        ITransport crashed = await CreateTransportAsync(PayloadLimit);
        var lost = new DeliveryProbe();
        await crashed.SubscribeAsync(node, lost.Handle);
        await lost.NextAsync();
        await crashed.DisposeAsync();

        var probe = new DeliveryProbe();
        await using ISubscription subscription = await Transport.SubscribeAsync(node, probe.Handle);
        Delivery again = await probe.NextAsync();
        Assert.True(again.Redelivered);
        Assert.Equal(envelope, again.Envelope);
        await again.AckAsync();
    }

    [TransportFact]
    public void QueueName_UsesTopologyAndNode()
    {
        var transport = (RabbitMqTransport)Transport;
        Assert.Equal($"edgecascade.{_topology}.relay", transport.Options.QueueName("relay"));
        Assert.Equal($"edgecascade.{_topology}.heartbeats", transport.Options.HeartbeatExchange);
    }

    protected override async Task<ITransport> CreateTransportAsync(int maxPayloadBytes) =>
        await RabbitMqTransport.ConnectAsync(new RabbitMqTransportOptions
        {
            BrokerUri = TestBroker.Uri,
            Topology = _topology,
            MaxPayloadBytes = maxPayloadBytes,
            ConnectAttempts = 3,
        });

    protected override async Task CleanUpAsync(ITransport transport, IReadOnlyList<string> nodes)
    {
        foreach (string node in nodes)
        {
            await ((RabbitMqTransport)transport).DeleteQueueAsync(node);
        }
    }
}
