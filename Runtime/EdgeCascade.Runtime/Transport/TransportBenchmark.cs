using System.Collections.Concurrent;
using System.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace EdgeCascade.Runtime.Transport;

/// <summary>
/// Transport overhead against the broker's own speed (issue 7): raw RabbitMQ publish/consume on one queue versus
/// the same messages pushed through a three-node chain of <see cref="RabbitMqTransport"/>s in this process.
/// </summary>
/// <remarks>
/// <code>
/// raw:      publisher --[confirm]--> queue --> consumer (ack)
/// cluster:  source --[confirm]--> relay queue --> relay --[confirm]--> sink queue --> sink (de-dup, ack)
///                                                  relay acks its input only after the downstream confirm
/// </code>
/// Each node has its own connection, as separate processes would. The codec is bypassed: payloads are random
/// bytes. Both runs use the same durability: durable queues, persistent messages, publisher confirms with the same
/// number of publishes in flight, manual acks, the same prefetch. The raw consumer acks each message as it comes;
/// the cluster's relay acks its input only once the downstream publish is confirmed, and its consumers fold runs of
/// consecutive acks into one multiple ack (<see cref="AckCoalescer"/>). The cluster's publishers send envelopes that
/// queue up behind a full confirm window as one batch frame (<see cref="RabbitMqTransportOptions.MaxBatchMessages"/>,
/// 1 turns that off); the raw run is plain RabbitMQ.Client, one message per publish, as a client without this
/// transport would do.
/// </remarks>
public static partial class TransportBenchmark
{
    public static async Task<TransportBenchmarkResult> RunAsync(
        TransportBenchmarkOptions options,
        IProgress<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Messages, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PayloadBytes, 1);
        var transportOptions = new RabbitMqTransportOptions
        {
            BrokerUri = options.BrokerUri,
            Topology = $"bench-{Guid.NewGuid():N}"[..14],
            MaxPublishesInFlight = options.PublishesInFlight,
            MaxBatchMessages = options.MaxBatchMessages,
            MaxPayloadBytes = Math.Max(TransportOptions.DefaultMaxPayloadBytes, options.PayloadBytes),
            ClientName = "edgecascade-bench",
        };
        Uri broker = transportOptions.ResolveBrokerUri();

        byte[] payload = new byte[options.PayloadBytes];
        new Random(7).NextBytes(payload);

        await using RabbitMqTransport source = await RabbitMqTransport.ConnectAsync(transportOptions, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using RabbitMqTransport relay = await RabbitMqTransport.ConnectAsync(transportOptions, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using RabbitMqTransport sink = await RabbitMqTransport.ConnectAsync(transportOptions, cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            if (options.WarmUpMessages > 0)
            {
                progress?.Report($"warming up ({options.WarmUpMessages} messages each path)");
                await RunRawAsync(source, sink, options, options.WarmUpMessages, payload, cancellationToken).ConfigureAwait(false);
                await RunChainAsync(source, relay, sink, options, options.WarmUpMessages, payload, rate: null, cancellationToken)
                    .ConfigureAwait(false);
            }

            int rounds = Math.Max(1, options.Rounds);
            var rawTimes = new List<double>(rounds);
            var clusterTimes = new List<double>(rounds);
            var rawCpu = new List<double>(rounds);
            var clusterCpu = new List<double>(rounds);
            var brokerMessagesPerHop = new List<double>(rounds);
            long duplicates = 0;
            using var process = Process.GetCurrentProcess();
            for (int round = 1; round <= rounds; round++)
            {
                TimeSpan cpuBefore = ProcessorTime(process);
                TimeSpan raw = await RunRawAsync(source, sink, options, options.Messages, payload, cancellationToken).ConfigureAwait(false);
                TimeSpan cpuBetween = ProcessorTime(process);
                rawTimes.Add(raw.TotalSeconds);
                rawCpu.Add((cpuBetween - cpuBefore).TotalSeconds / options.Messages);
                long brokerMessagesBefore = source.BrokerMessagesPublished + relay.BrokerMessagesPublished;
                ChainRun chain = await RunChainAsync(source, relay, sink, options, options.Messages, payload, rate: null, cancellationToken)
                    .ConfigureAwait(false);
                clusterTimes.Add(chain.Elapsed.TotalSeconds);
                clusterCpu.Add((ProcessorTime(process) - cpuBetween).TotalSeconds / options.Messages);
                long brokerMessages = source.BrokerMessagesPublished + relay.BrokerMessagesPublished - brokerMessagesBefore;
                brokerMessagesPerHop.Add(brokerMessages / (2.0 * options.Messages));
                duplicates += chain.Duplicates;
                progress?.Report(
                    $"round {round}/{rounds}: {options.Messages} x {options.PayloadBytes} B, raw {options.Messages / raw.TotalSeconds:0} msg/s, " +
                    $"cluster (source -> relay -> sink) {options.Messages / chain.Elapsed.TotalSeconds:0} msg/s " +
                    $"({brokerMessagesPerHop[^1]:0.00} broker messages per envelope-hop)");
            }

            progress?.Report($"latency: {options.LatencyMessages} messages at {options.LatencyRate:0}/s");
            ChainRun light = await RunChainAsync(
                source, relay, sink, options, options.LatencyMessages, payload, options.LatencyRate, cancellationToken).ConfigureAwait(false);
            double[] hops = [.. light.HopLatencies.Select(t => t.TotalSeconds).Order()];

            return new TransportBenchmarkResult(
                RabbitMqTransportOptions.Describe(broker),
                options.Messages,
                options.PayloadBytes,
                rounds,
                Median(rawTimes),
                Median(clusterTimes),
                Percentile(hops, 0.50),
                Percentile(hops, 0.99),
                hops.Length,
                duplicates + light.Duplicates)
            {
                PublishesInFlight = options.PublishesInFlight,
                MaxBatchMessages = options.MaxBatchMessages,
                ClusterBrokerMessagesPerHop = Median(brokerMessagesPerHop),
                Prefetch = options.Prefetch,
                RawClientCpuSecondsPerMessage = Median(rawCpu),
                ClusterClientCpuSecondsPerMessage = Median(clusterCpu),
            };
        }
        finally
        {
            await source.DeleteQueueAsync("raw", CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static TimeSpan ProcessorTime(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    internal static double Median(IEnumerable<double> values)
    {
        double[] sorted = [.. values.Order()];
        if (sorted.Length == 0)
        {
            return 0;
        }

        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>Nearest-rank percentile of sorted values (0 when empty).</summary>
    internal static double Percentile(double[] sorted, double quantile)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        int rank = (int)Math.Ceiling(quantile * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>Plain RabbitMQ.Client on the transports' connections: confirms in flight, manual acks, one queue.</summary>
    private static async Task<TimeSpan> RunRawAsync(
        RabbitMqTransport publisherSide,
        RabbitMqTransport consumerSide,
        TransportBenchmarkOptions options,
        int messages,
        byte[] payload,
        CancellationToken cancellationToken)
    {
        string queue = publisherSide.Options.QueueName("raw");
        var confirmOptions = new CreateChannelOptions(
            publisherConfirmationsEnabled: true,
            publisherConfirmationTrackingEnabled: true,
            outstandingPublisherConfirmationsRateLimiter: null);
        await using IChannel publishChannel = await publisherSide.Connection.CreateChannelAsync(confirmOptions, cancellationToken).ConfigureAwait(false);
        await using IChannel consumeChannel = await consumerSide.Connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await publishChannel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        await consumeChannel.BasicQosAsync(0, (ushort)options.Prefetch, global: false, cancellationToken).ConfigureAwait(false);

        int received = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = new AsyncEventingBasicConsumer(consumeChannel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            await consumeChannel.BasicAckAsync(delivery.DeliveryTag, multiple: false).ConfigureAwait(false);
            if (Interlocked.Increment(ref received) == messages)
            {
                done.TrySetResult();
            }
        };
        string consumerTag = await consumeChannel.BasicConsumeAsync(queue, autoAck: false, consumer, cancellationToken).ConfigureAwait(false);

        var properties = new BasicProperties { Persistent = true };
        var window = new SemaphoreSlim(options.PublishesInFlight, options.PublishesInFlight);
        var failures = new ConcurrentQueue<Exception>();
        var elapsed = Stopwatch.StartNew();
        for (int i = 0; i < messages; i++)
        {
            await window.WaitAsync(cancellationToken).ConfigureAwait(false);
            ValueTask confirm = publishChannel.BasicPublishAsync(string.Empty, queue, mandatory: true, properties, payload, cancellationToken);
            _ = ReleaseWhenConfirmedAsync(confirm, window, failures);
        }

        await done.Task.WaitAsync(TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
        elapsed.Stop();
        if (!failures.IsEmpty)
        {
            throw new TransportException($"raw benchmark: {failures.Count} publishes failed: {failures.First().Message}", failures.First());
        }

        await consumeChannel.BasicCancelAsync(consumerTag, cancellationToken: cancellationToken).ConfigureAwait(false);
        return elapsed.Elapsed;
    }

    private static async Task ReleaseWhenConfirmedAsync(ValueTask confirm, SemaphoreSlim window, ConcurrentQueue<Exception> failures)
    {
        try
        {
            await confirm.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Collected and reported once the run ends.
        catch (Exception error)
#pragma warning restore CA1031
        {
            failures.Enqueue(error);
        }
        finally
        {
            window.Release();
        }
    }

    /// <summary>
    /// source -> relay -> sink over the transports. With <paramref name="rate"/> null, the source sends as fast as
    /// its confirm window allows; otherwise it paces sends and the per-hop latencies are recorded.
    /// </summary>
    private static async Task<ChainRun> RunChainAsync(
        RabbitMqTransport source,
        RabbitMqTransport relay,
        RabbitMqTransport sink,
        TransportBenchmarkOptions options,
        int messages,
        byte[] payload,
        double? rate,
        CancellationToken cancellationToken)
    {
        var chain = new Chain(source, relay, sink, options, messages, payload, measureHops: rate is not null);
        try
        {
            return await chain.RunAsync(rate, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await source.DeleteQueueAsync(chain.RelayNode, CancellationToken.None).ConfigureAwait(false);
            await source.DeleteQueueAsync(chain.SinkNode, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private sealed record ChainRun(TimeSpan Elapsed, TimeSpan[] HopLatencies, long Duplicates);
}
