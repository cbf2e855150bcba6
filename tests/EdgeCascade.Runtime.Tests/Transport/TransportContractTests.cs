using System.Collections.Concurrent;
using EdgeCascade.Runtime.Transport;

namespace EdgeCascade.Runtime.Tests.Transport;

/// <summary>
/// The <see cref="ITransport"/> contract, run against every implementation: each derived class supplies the
/// transport. Node names are unique per test so queues never mix between tests.
/// </summary>
public abstract class TransportContractTests : IAsyncLifetime
{
    protected const int PayloadLimit = 64 * 1024;

    private static readonly DateTimeOffset s_createdAt = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private readonly List<string> _nodes = [];
    private ITransport? _transport;

    protected ITransport Transport => _transport ?? throw new InvalidOperationException("not initialized");

    public async Task InitializeAsync() => _transport = await CreateTransportAsync(PayloadLimit);

    public async Task DisposeAsync()
    {
        if (_transport is not null)
        {
            await CleanUpAsync(_transport, _nodes);
            await _transport.DisposeAsync();
        }
    }

    [Fact]
    public async Task PublishAsync_ThenSubscribe_DeliversPayloadAndEnvelope()
    {
        string node = NewNode();
        byte[] payload = TestMessages.Payload(16 * 1024, seed: 1);
        Envelope envelope = Envelope.Create("flow-a", imageId: 7, level: 2, policy: "split-at-1", payload, s_createdAt);

        await Transport.PublishAsync(node, envelope, payload);
        var probe = new DeliveryProbe();
        await using ISubscription subscription = await Transport.SubscribeAsync(node, probe.Handle);
        Delivery delivery = await probe.NextAsync();

        Assert.Equal(envelope, delivery.Envelope);
        Assert.Equal(payload, delivery.Payload.ToArray());
        Assert.Equal(node, delivery.Node);
        Assert.False(delivery.Redelivered);
        await delivery.AckAsync();
        Assert.True(await probe.StaysEmptyAsync(TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task PublishAsync_CallerReusesBuffer_DeliveredPayloadIsUnchanged()
    {
        string node = NewNode();
        byte[] buffer = TestMessages.Payload(1000, seed: 2);
        byte[] original = buffer.ToArray();
        Envelope envelope = Envelope.Create("flow-a", 1, 0, "edge-only", buffer, s_createdAt);

        await Transport.PublishAsync(node, envelope, buffer);
        Array.Clear(buffer);
        var probe = new DeliveryProbe();
        await using ISubscription subscription = await Transport.SubscribeAsync(node, probe.Handle);

        Assert.Equal(original, (await probe.NextAsync()).Payload.ToArray());
    }

    [Fact]
    public async Task NackAsync_WithRequeue_RedeliversWithRedeliveredFlag()
    {
        string node = NewNode();
        byte[] payload = TestMessages.Payload(100, seed: 3);
        await Transport.PublishAsync(node, Envelope.Create("flow-a", 1, 0, "p", payload, s_createdAt), payload);
        var probe = new DeliveryProbe();
        await using ISubscription subscription = await Transport.SubscribeAsync(node, probe.Handle);

        Delivery first = await probe.NextAsync();
        await first.NackAsync(requeue: true);
        Delivery second = await probe.NextAsync();

        Assert.True(second.Redelivered);
        Assert.Equal(first.Envelope, second.Envelope);
        Assert.Equal(payload, second.Payload.ToArray());
        await second.AckAsync();
    }

    [Fact]
    public async Task NackAsync_WithoutRequeue_DropsMessage()
    {
        string node = NewNode();
        byte[] payload = TestMessages.Payload(100, seed: 4);
        await Transport.PublishAsync(node, Envelope.Create("flow-a", 1, 0, "p", payload, s_createdAt), payload);
        var probe = new DeliveryProbe();
        await using ISubscription subscription = await Transport.SubscribeAsync(node, probe.Handle);

        await (await probe.NextAsync()).NackAsync(requeue: false);

        Assert.True(await probe.StaysEmptyAsync(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task DisposeSubscription_WithoutAck_RedeliversToNextConsumer()
    {
        string node = NewNode();
        byte[] payload = TestMessages.Payload(2048, seed: 5);
        Envelope envelope = Envelope.Create("flow-a", 42, 1, "p", payload, s_createdAt);
        await Transport.PublishAsync(node, envelope, payload);

        // The "crashed" consumer takes the message and never settles it.
        var crashed = new DeliveryProbe();
        ISubscription first = await Transport.SubscribeAsync(node, crashed.Handle);
        Delivery lost = await crashed.NextAsync();
        await first.DisposeAsync();

        var survivor = new DeliveryProbe();
        await using ISubscription second = await Transport.SubscribeAsync(node, survivor.Handle);
        Delivery again = await survivor.NextAsync();

        Assert.True(again.Redelivered);
        Assert.Equal(envelope, again.Envelope);
        Assert.Equal(payload, again.Payload.ToArray());
        await again.AckAsync();
        await Assert.ThrowsAsync<TransportException>(() => lost.AckAsync());
    }

    [Fact]
    public async Task AckAsync_Twice_ThrowsInvalidOperation()
    {
        string node = NewNode();
        byte[] payload = TestMessages.Payload(10, seed: 6);
        await Transport.PublishAsync(node, Envelope.Create("flow-a", 1, 0, "p", payload, s_createdAt), payload);
        var probe = new DeliveryProbe();
        await using ISubscription subscription = await Transport.SubscribeAsync(node, probe.Handle);
        Delivery delivery = await probe.NextAsync();

        await delivery.AckAsync();

        Assert.True(delivery.IsSettled);
        await Assert.ThrowsAsync<InvalidOperationException>(() => delivery.AckAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => delivery.NackAsync(requeue: true));
    }

    [Fact]
    public async Task PublishAsync_PayloadOverLimit_ThrowsTransportException()
    {
        string node = NewNode();
        byte[] payload = new byte[PayloadLimit + 1];
        Envelope envelope = Envelope.Create("flow-a", 9, 0, "p", payload, s_createdAt);

        var error = await Assert.ThrowsAsync<TransportException>(() => Transport.PublishAsync(node, envelope, payload));

        Assert.Contains($"{PayloadLimit + 1} bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains($"limit of {PayloadLimit} bytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(PayloadLimit, Transport.MaxPayloadBytes);
    }

    [Fact]
    public async Task PublishAsync_PayloadAtLimit_IsDelivered()
    {
        string node = NewNode();
        byte[] payload = TestMessages.Payload(PayloadLimit, seed: 10);
        await Transport.PublishAsync(node, Envelope.Create("flow-a", 1, 0, "p", payload, s_createdAt), payload);
        var probe = new DeliveryProbe();
        await using ISubscription subscription = await Transport.SubscribeAsync(node, probe.Handle);

        Assert.Equal(payload, (await probe.NextAsync()).Payload.ToArray());
    }

    [Fact]
    public async Task Subscribe_ChecksumMismatch_RejectsWithoutCallingHandler()
    {
        string node = NewNode();
        byte[] payload = TestMessages.Payload(500, seed: 7);
        Envelope damaged = Envelope.Create("flow-a", 3, 0, "p", payload, s_createdAt) with { Checksum = 0xDEADBEEF };
        byte[] good = TestMessages.Payload(500, seed: 8);
        Envelope fine = Envelope.Create("flow-a", 4, 0, "p", good, s_createdAt);
        await Transport.PublishAsync(node, damaged, payload);
        await Transport.PublishAsync(node, fine, good);

        var probe = new DeliveryProbe();
        await using ISubscription subscription = await Transport.SubscribeAsync(
            node, probe.Handle, new SubscribeOptions { Rejected = probe.OnRejected });

        RejectedMessage rejected = await probe.NextRejectedAsync();
        Assert.Equal(3, rejected.Envelope!.ImageId);
        Assert.Contains("checksum mismatch", rejected.Reason, StringComparison.Ordinal);
        Delivery delivery = await probe.NextAsync();
        Assert.Equal(4, delivery.Envelope.ImageId);
        await delivery.AckAsync();
        Assert.True(await probe.StaysEmptyAsync(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task Handler_Throws_RequeuesOnceThenDrops()
    {
        string node = NewNode();
        byte[] payload = TestMessages.Payload(10, seed: 9);
        await Transport.PublishAsync(node, Envelope.Create("flow-a", 1, 0, "p", payload, s_createdAt), payload);
        var attempts = new ConcurrentQueue<bool>();

        await using ISubscription subscription = await Transport.SubscribeAsync(node, (delivery, _) =>
        {
            attempts.Enqueue(delivery.Redelivered);
            throw new InvalidOperationException("handler bug");
        });

        await WaitUntilAsync(() => attempts.Count >= 2);
        await Task.Delay(300);
        Assert.Equal([false, true], attempts.ToArray());
    }

    [Fact]
    public async Task Prefetch_UnsettledDeliveries_StopsFurtherDeliveriesUntilAcked()
    {
        string node = NewNode();
        for (int i = 0; i < 10; i++)
        {
            byte[] payload = TestMessages.Payload(10, seed: i);
            await Transport.PublishAsync(node, Envelope.Create("flow-a", i, 0, "p", payload, s_createdAt), payload);
        }

        var probe = new DeliveryProbe();
        await using ISubscription subscription = await Transport.SubscribeAsync(node, probe.Handle, new SubscribeOptions { Prefetch = 3 });
        var held = new List<Delivery> { await probe.NextAsync(), await probe.NextAsync(), await probe.NextAsync() };

        Assert.True(await probe.StaysEmptyAsync(TimeSpan.FromMilliseconds(300)));
        await held[0].AckAsync();
        held.Add(await probe.NextAsync());
        Assert.True(await probe.StaysEmptyAsync(TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task ManyMessages_ConcurrentHandlersAckingLater_EachDeliveredOnce()
    {
        string node = NewNode();
        const int count = 300;
        var received = new ConcurrentDictionary<long, int>();
        await using ISubscription subscription = await Transport.SubscribeAsync(
            node,
            async (delivery, cancellationToken) =>
            {
                received.AddOrUpdate(delivery.Envelope.ImageId, 1, (_, n) => n + 1);
                await Task.Yield();
                _ = Task.Run(() => delivery.AckAsync(), cancellationToken);
            },
            new SubscribeOptions { Prefetch = 50, Concurrency = 4 });

        byte[] payload = TestMessages.Payload(4096, seed: 11);
        await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
            Transport.PublishAsync(node, Envelope.Create("flow-a", i, 0, "p", payload, s_createdAt), payload)));

        await WaitUntilAsync(() => received.Count == count);
        await Task.Delay(200);
        Assert.All(received.Values, n => Assert.Equal(1, n));
    }

    [Fact]
    public async Task RelayCrashAfterForwarding_SinkSeesDuplicate_DeduplicatorDropsIt()
    {
        string relay = NewNode();
        string sink = NewNode();
        byte[] payload = TestMessages.Payload(1024, seed: 12);
        await Transport.PublishAsync(relay, Envelope.Create("flow-a", 5, 0, "p", payload, s_createdAt), payload);

        // The relay forwards (publish confirmed downstream) and "crashes" before acking its input.
        var crashed = new DeliveryProbe();
        ISubscription crashedRelay = await Transport.SubscribeAsync(relay, crashed.Handle);
        Delivery input = await crashed.NextAsync();
        await Transport.PublishAsync(sink, input.Envelope.ForNextHop(input.Payload.Span), input.Payload);
        await crashedRelay.DisposeAsync();

        // The restarted relay gets the input again, forwards again, and this time acks.
        await using ISubscription restartedRelay = await Transport.SubscribeAsync(relay, async (delivery, ct) =>
        {
            await Transport.PublishAsync(sink, delivery.Envelope.ForNextHop(delivery.Payload.Span), delivery.Payload, ct);
            await delivery.AckAsync(ct);
        });

        var dedup = new SinkDeduplicator(capacity: 16);
        var accepted = new ConcurrentQueue<Envelope>();
        var seen = new ConcurrentQueue<Envelope>();
        await using ISubscription sinkSubscription = await Transport.SubscribeAsync(sink, async (delivery, ct) =>
        {
            if (dedup.TryAccept(delivery.Envelope))
            {
                accepted.Enqueue(delivery.Envelope);
            }

            // Counted only after the deduplicator ran: the test waits on this count and then reads the deduplicator.
            seen.Enqueue(delivery.Envelope);
            await delivery.AckAsync(ct);
        });

        await WaitUntilAsync(() => seen.Count == 2);
        Assert.Single(accepted);
        Assert.Equal(1, accepted.Single().Hop);
        Assert.Equal(1, dedup.DuplicateCount);
    }

    /// <summary>A fresh transport with the given payload limit.</summary>
    protected abstract Task<ITransport> CreateTransportAsync(int maxPayloadBytes);

    /// <summary>Removes whatever the test left in the given nodes' queues.</summary>
    protected virtual Task CleanUpAsync(ITransport transport, IReadOnlyList<string> nodes) => Task.CompletedTask;

    protected string NewNode()
    {
        string node = $"n{Guid.NewGuid():N}"[..12];
        _nodes.Add(node);
        return node;
    }

    protected static async Task WaitUntilAsync(Func<bool> condition)
    {
        DateTime deadline = DateTime.UtcNow + DeliveryProbe.Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("condition not met in time");
            }

            await Task.Delay(10);
        }
    }
}
