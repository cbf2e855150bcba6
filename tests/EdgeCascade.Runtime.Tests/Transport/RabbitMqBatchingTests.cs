using EdgeCascade.Runtime.Transport;
using RabbitMQ.Client;

namespace EdgeCascade.Runtime.Tests.Transport;

/// <summary>Envelopes that queue up behind a full confirm window travel as one broker message (EnvelopeBatch).</summary>
[RequiresRabbitMq]
public sealed class RabbitMqBatchingTests : IAsyncLifetime
{
    private static readonly DateTimeOffset s_createdAt = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);
    private readonly string _topology = $"batch{Guid.NewGuid():N}"[..13];
    private readonly List<RabbitMqTransport> _transports = [];
    private readonly string _node = $"n{Guid.NewGuid():N}"[..12];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_transports.Count > 0)
        {
            await _transports[0].DeleteQueueAsync(_node);
        }

        foreach (RabbitMqTransport transport in _transports)
        {
            await transport.DisposeAsync();
        }
    }

    [TransportFact]
    public async Task PublishAsync_ManyWaitingBehindConfirmWindow_FewerBrokerMessagesAllArriveInOrderOnce()
    {
        RabbitMqTransport publisher = await ConnectAsync(maxBatchMessages: 32);
        Envelope[] sent = await PublishManyAsync(publisher, count: 100);

        Assert.InRange(publisher.BrokerMessagesPublished, 4, 99);
        Assert.InRange(publisher.EnvelopesBatched, 2, 100);

        RabbitMqTransport consumer = await ConnectAsync(maxBatchMessages: 32);
        var probe = new DeliveryProbe();
        await using (ISubscription subscription = await consumer.SubscribeAsync(_node, probe.Handle, new SubscribeOptions { Prefetch = 4 }))
        {
            for (int i = 0; i < sent.Length; i++)
            {
                Delivery delivery = await probe.NextAsync();
                Assert.Equal(sent[i], delivery.Envelope);
                Assert.True(sent[i].Matches(delivery.Payload.Span));
                await delivery.AckAsync();
            }

            Assert.True(await probe.StaysEmptyAsync(TimeSpan.FromMilliseconds(300)));
        }

        // Every frame was acked once its last envelope was: a new consumer finds nothing.
        var again = new DeliveryProbe();
        await using ISubscription second = await consumer.SubscribeAsync(_node, again.Handle);
        Assert.True(await again.StaysEmptyAsync(TimeSpan.FromMilliseconds(500)));
    }

    [TransportFact]
    public async Task Subscribe_BatchesLargerThanPrefetch_HandsOutAtMostPrefetchUnsettledEnvelopes()
    {
        RabbitMqTransport publisher = await ConnectAsync(maxBatchMessages: 32);
        await PublishManyAsync(publisher, count: 60);
        Assert.True(publisher.EnvelopesBatched > 5, "no batch formed");
        var probe = new DeliveryProbe();
        await using ISubscription subscription = await publisher.SubscribeAsync(_node, probe.Handle, new SubscribeOptions { Prefetch = 5 });

        var received = new List<long>();
        for (int round = 0; round < 12; round++)
        {
            var handedOut = new List<Delivery>();
            for (int i = 0; i < 5; i++)
            {
                handedOut.Add(await probe.NextAsync());
            }

            // A node that is slow to settle gets nothing more, although its frame holds many more envelopes.
            Assert.True(await probe.StaysEmptyAsync(TimeSpan.FromMilliseconds(150)), $"more than 5 unsettled envelopes in round {round}");
            foreach (Delivery delivery in handedOut)
            {
                received.Add(delivery.Envelope.ImageId);
                await delivery.AckAsync();
            }
        }

        Assert.Equal(Enumerable.Range(0, 60).Select(i => (long)i), received);
    }

    [TransportFact]
    public async Task PublishAsync_BatchingOff_OneBrokerMessagePerEnvelope()
    {
        RabbitMqTransport publisher = await ConnectAsync(maxBatchMessages: 1);

        await PublishManyAsync(publisher, count: 40);

        Assert.Equal(40, publisher.BrokerMessagesPublished);
        Assert.Equal(0, publisher.EnvelopesBatched);
    }

    [TransportFact]
    public async Task NackAsync_RequeueOneEnvelopeOfBatch_WholeFrameComesBackRedelivered()
    {
        RabbitMqTransport transport = await ConnectAsync(maxBatchMessages: 32);
        await PublishRawAsync(transport, TestMessages.Frame(TestMessages.Body(1, 500), TestMessages.Body(2, 500), TestMessages.Body(3, 500)));
        var probe = new DeliveryProbe();
        await using ISubscription subscription = await transport.SubscribeAsync(_node, probe.Handle);

        Delivery first = await probe.NextAsync();
        Delivery second = await probe.NextAsync();
        Delivery third = await probe.NextAsync();
        await first.AckAsync();
        await second.NackAsync(requeue: true);
        await third.AckAsync();

        long[] redelivered = new long[3];
        for (int i = 0; i < 3; i++)
        {
            Delivery again = await probe.NextAsync();
            Assert.True(again.Redelivered);
            redelivered[i] = again.Envelope.ImageId;
            await again.AckAsync();
        }

        Assert.Equal([1L, 2L, 3L], redelivered);
        Assert.True(await probe.StaysEmptyAsync(TimeSpan.FromMilliseconds(300)));
    }

    [TransportFact]
    public async Task Subscribe_BatchWithOneCorruptEnvelope_RefusesItAndDeliversTheRest()
    {
        RabbitMqTransport transport = await ConnectAsync(maxBatchMessages: 32);
        byte[] damaged = TestMessages.Body(2, 500);
        damaged[^1] ^= 0x40; // payload no longer matches its CRC
        await PublishRawAsync(transport, TestMessages.Frame(TestMessages.Body(1, 500), damaged, TestMessages.Body(3, 500)));
        var probe = new DeliveryProbe();
        await using ISubscription subscription = await transport.SubscribeAsync(
            _node, probe.Handle, new SubscribeOptions { Rejected = probe.OnRejected });

        RejectedMessage rejected = await probe.NextRejectedAsync();
        Delivery first = await probe.NextAsync();
        Delivery third = await probe.NextAsync();
        await first.AckAsync();
        await third.AckAsync();

        Assert.Contains("checksum", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(2, rejected.Envelope!.ImageId);
        Assert.Equal([1L, 3L], [first.Envelope.ImageId, third.Envelope.ImageId]);
        Assert.True(await probe.StaysEmptyAsync(TimeSpan.FromMilliseconds(300)));
    }

    [TransportFact]
    public async Task Subscribe_MalformedBatchFrame_RefusesWholeMessageWithReason()
    {
        RabbitMqTransport transport = await ConnectAsync(maxBatchMessages: 32);
        byte[] frame = TestMessages.Frame(TestMessages.Body(1, 500), TestMessages.Body(2, 500));
        await PublishRawAsync(transport, frame[..^5]);
        var probe = new DeliveryProbe();
        await using ISubscription subscription = await transport.SubscribeAsync(
            _node, probe.Handle, new SubscribeOptions { Rejected = probe.OnRejected });

        RejectedMessage rejected = await probe.NextRejectedAsync();

        Assert.Null(rejected.Envelope);
        Assert.Contains("batch item 2 of 2", rejected.Reason, StringComparison.Ordinal);
        Assert.True(await probe.StaysEmptyAsync(TimeSpan.FromMilliseconds(300)));
    }

    private async Task<RabbitMqTransport> ConnectAsync(int maxBatchMessages)
    {
        RabbitMqTransport transport = await RabbitMqTransport.ConnectAsync(new RabbitMqTransportOptions
        {
            BrokerUri = TestBroker.Uri,
            Topology = _topology,
            ConnectAttempts = 3,
            MaxPublishesInFlight = 1, // everything after the first publish waits, so batches form
            MaxBatchMessages = maxBatchMessages,
        });
        _transports.Add(transport);
        return transport;
    }

    private async Task<Envelope[]> PublishManyAsync(RabbitMqTransport transport, int count)
    {
        // Declared first: publishes that wait for the declaration resume in no particular order.
        await transport.QueuedCountAsync(_node);
        var envelopes = new Envelope[count];
        var publishes = new Task[count];
        for (int i = 0; i < count; i++)
        {
            byte[] payload = TestMessages.Payload(2048 + i, seed: i);
            envelopes[i] = Envelope.Create("flow-b", i, 1, "p", payload, s_createdAt);
            publishes[i] = transport.PublishAsync(_node, envelopes[i], payload);
        }

        await Task.WhenAll(publishes);
        return envelopes;
    }

    private async Task PublishRawAsync(RabbitMqTransport transport, byte[] body)
    {
        await transport.QueuedCountAsync(_node); // declares the queue
        await using IChannel channel = await transport.Connection.CreateChannelAsync();
        await channel.BasicPublishAsync(string.Empty, transport.Options.QueueName(_node), mandatory: false, new BasicProperties { Persistent = true }, body);
        await WaitForQueuedAsync(transport);
    }

    private async Task WaitForQueuedAsync(RabbitMqTransport transport)
    {
        for (int i = 0; i < 200 && await transport.QueuedCountAsync(_node) == 0; i++)
        {
            await Task.Delay(10);
        }
    }
}
