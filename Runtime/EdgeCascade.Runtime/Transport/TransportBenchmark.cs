using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using EdgeCascade.Runtime.Clustering;

namespace EdgeCascade.Runtime.Transport;

/// <summary>
/// Transport overhead against Akka.Remote's own speed: plain <c>Tell</c> with an ack window versus the same frames
/// through the three-node chain of <see cref="AkkaClusterTransport"/>s (Akka.Delivery lanes, relay confirms upstream
/// after downstream), between the same three cluster members.
/// </summary>
/// <remarks>
/// <code>
/// raw:      source --Tell--> relay --Forward--> sink --RawAck--> source        (window of N unacked frames)
/// cluster:  source --Delivery lane--> relay --Delivery lane--> sink (de-dup, ack)
///                                       relay acks its input only after the downstream confirm
/// </code>
/// The three members are three ActorSystems in this process talking over real TCP on 127.0.0.1 (DotNetty), so the
/// wire, the remoting and the serializers are exercised; what separate processes add (scheduling on other cores) is
/// not. Both paths carry the same <see cref="LatentFrame"/>s through <see cref="Serialization.LatentFrameSerializer"/>.
/// The codec is bypassed: payloads are random bytes.
/// </remarks>
public static partial class TransportBenchmark
{
    internal const string BenchSource = "bench-source";
    internal const string BenchRelay = "bench-relay";
    internal const string BenchSink = "bench-sink";

    public static async Task<TransportBenchmarkResult> RunAsync(
        TransportBenchmarkOptions options,
        IProgress<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Messages, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PayloadBytes, 1);
        byte[] payload = new byte[options.PayloadBytes];
        new Random(7).NextBytes(payload);

        int[] ports = FreeLoopbackPorts(3);
        progress?.Report($"starting three cluster members on 127.0.0.1:{ports[0]},{ports[1]},{ports[2]}");
        await using AkkaClusterTransport source = await StartMemberAsync(BenchSource, ports[0], ports[0], options, cancellationToken).ConfigureAwait(false);
        await using AkkaClusterTransport relay = await StartMemberAsync(BenchRelay, ports[1], ports[0], options, cancellationToken).ConfigureAwait(false);
        await using AkkaClusterTransport sink = await StartMemberAsync(BenchSink, ports[2], ports[0], options, cancellationToken).ConfigureAwait(false);

        IActorRef rawSink = sink.System.ActorOf(RawSinkActor.Props(), "raw-sink");
        IActorRef remoteSinkFromRelay = await relay.System.ActorSelection(rawSink.Path.ToStringWithAddress(sink.SelfAddress))
            .ResolveOne(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        IActorRef rawRelay = relay.System.ActorOf(RawRelayActor.Props(remoteSinkFromRelay), "raw-relay");
        IActorRef remoteRelayFromSource = await source.System.ActorSelection(rawRelay.Path.ToStringWithAddress(relay.SelfAddress))
            .ResolveOne(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        IActorRef rawSource = source.System.ActorOf(RawSourceActor.Props(), "raw-source");
        var template = new LatentFrame(Envelope.Create("raw", 0, 1, "bench", payload, DateTimeOffset.UnixEpoch), payload);

        if (options.WarmUpMessages > 0)
        {
            progress?.Report($"warming up ({options.WarmUpMessages} messages each path)");
            await RunRawAsync(rawSource, remoteRelayFromSource, template, options.WarmUpMessages, options.RawWindow, cancellationToken).ConfigureAwait(false);
            await new Chain(source, relay, sink, options, options.WarmUpMessages, payload, measureHops: false).RunAsync(null, cancellationToken).ConfigureAwait(false);
        }

        int rounds = Math.Max(1, options.Rounds);
        var rawTimes = new List<double>(rounds);
        var clusterTimes = new List<double>(rounds);
        var rawCpu = new List<double>(rounds);
        var clusterCpu = new List<double>(rounds);
        long duplicates = 0;
        using var process = Process.GetCurrentProcess();
        for (int round = 1; round <= rounds; round++)
        {
            TimeSpan cpuBefore = ProcessorTime(process);
            TimeSpan raw = await RunRawAsync(rawSource, remoteRelayFromSource, template, options.Messages, options.RawWindow, cancellationToken).ConfigureAwait(false);
            TimeSpan cpuBetween = ProcessorTime(process);
            rawTimes.Add(raw.TotalSeconds);
            rawCpu.Add((cpuBetween - cpuBefore).TotalSeconds / options.Messages);
            ChainRun chain = await new Chain(source, relay, sink, options, options.Messages, payload, measureHops: false)
                .RunAsync(null, cancellationToken).ConfigureAwait(false);
            clusterTimes.Add(chain.Elapsed.TotalSeconds);
            clusterCpu.Add((ProcessorTime(process) - cpuBetween).TotalSeconds / options.Messages);
            duplicates += chain.Duplicates;
            progress?.Report(
                $"round {round}/{rounds}: {options.Messages} x {options.PayloadBytes} B, raw Tell {options.Messages / raw.TotalSeconds:0} msg/s, " +
                $"cluster (source -> relay -> sink, Akka.Delivery) {options.Messages / chain.Elapsed.TotalSeconds:0} msg/s");
        }

        progress?.Report($"latency: {options.LatencyMessages} messages at {options.LatencyRate:0}/s");
        ChainRun light = await new Chain(source, relay, sink, options, options.LatencyMessages, payload, measureHops: true)
            .RunAsync(options.LatencyRate, cancellationToken).ConfigureAwait(false);
        double[] hops = [.. light.HopLatencies.Select(t => t.TotalSeconds).Order()];

        return new TransportBenchmarkResult(
            "Akka.Remote DotNetty TCP on 127.0.0.1, three cluster members in one process",
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
            Lanes = options.Lanes,
            RawWindow = options.RawWindow,
            RawClientCpuSecondsPerMessage = Median(rawCpu),
            ClusterClientCpuSecondsPerMessage = Median(clusterCpu),
        };
    }

    private static Task<AkkaClusterTransport> StartMemberAsync(string node, int port, int seedPort, TransportBenchmarkOptions options, CancellationToken cancellationToken) =>
        AkkaClusterTransport.StartAsync(
            new ClusterSettings
            {
                Listen = ClusterEndpoint.Create("127.0.0.1", port),
                SeedNodes = [ClusterEndpoint.Create("127.0.0.1", seedPort)],
                Role = node,
                Lanes = options.Lanes,
                MaxPayloadBytes = Math.Max(TransportOptions.DefaultMaxPayloadBytes, options.PayloadBytes),
            },
            node,
            cancellationToken);

    private static async Task<TimeSpan> RunRawAsync(IActorRef rawSource, IActorRef relay, LatentFrame template, int count, int window, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var elapsed = Stopwatch.StartNew();
        rawSource.Tell(new RawSourceActor.Run(relay, template, count, window, done));
        try
        {
            await done.Task.WaitAsync(TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException error)
        {
            throw new TransportException($"raw benchmark: not all {count} frames were acked within 5 minutes (plain Tell has no delivery guarantee)", error);
        }

        return elapsed.Elapsed;
    }

    private static int[] FreeLoopbackPorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
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

    private sealed record ChainRun(TimeSpan Elapsed, TimeSpan[] HopLatencies, long Duplicates);
}
