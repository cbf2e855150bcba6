using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using EdgeCascade.Runtime.Clustering;

namespace EdgeCascade.Runtime.Transport;

/// <summary>
/// Transport overhead against Akka.Remote's own speed: plain <c>Tell</c> with an ack window versus the same frames
/// through a source -> relay -> sink chain of <see cref="AkkaClusterTransport"/>s (Akka.Delivery lanes, relay confirms
/// upstream after downstream), between the same three processes.
/// </summary>
/// <remarks>
/// <code>
/// raw:      source --Tell--> relay --Forward--> sink --RawAck--> source        (window of N unacked frames)
/// cluster:  source --Delivery lane--> relay --Delivery lane--> sink (de-dup, ack)
///                                       relay acks its input only after the downstream confirm
/// </code>
/// Three processes on 127.0.0.1, each a cluster member over real TCP (DotNetty): the source is this process, the relay
/// and the sink are <c>edgecascade bench transport-member</c> children (<see cref="TransportBenchMember"/>). Both paths
/// carry the same <see cref="LatentFrame"/>s of random bytes (the codec is bypassed) through
/// <see cref="Serialization.LatentFrameSerializer"/>, alternating rounds so both see the same background load. CPU per
/// message is the three processes' CPU time together.
/// </remarks>
public static partial class TransportBenchmark
{
    internal const string BenchSource = "bench-source";
    internal const string BenchRelay = "bench-relay";
    internal const string BenchSink = "bench-sink";

    private static readonly TimeSpan s_runLimit = TimeSpan.FromMinutes(5);

    /// <summary>Runs the benchmark; <paramref name="launcher"/> starts the relay and sink processes.</summary>
    /// <param name="options">What to measure.</param>
    /// <param name="launcher">How to run <c>edgecascade</c> again (the relay and the sink).</param>
    /// <param name="workDirectory">Where the children's logs and ready files go.</param>
    /// <param name="progress">One line per step.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <exception cref="TransportException">A member did not start, or a run did not complete within five minutes.</exception>
    public static async Task<TransportBenchmarkResult> RunAsync(
        TransportBenchmarkOptions options,
        Processes.NodeLauncher launcher,
        string workDirectory,
        IProgress<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(launcher);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Messages, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PayloadBytes, 1);
        byte[] payload = new byte[options.PayloadBytes];
        new Random(7).NextBytes(payload);

        int[] ports = FreeLoopbackPorts(3);
        progress?.Report($"starting three processes, each a cluster member: source (this one) 127.0.0.1:{ports[0]}, relay :{ports[1]}, sink :{ports[2]}");
        await using AkkaClusterTransport source = await StartMemberAsync(BenchSource, ports[0], ports[0], options, cancellationToken).ConfigureAwait(false);
        var children = new List<int>();
        try
        {
            children.Add(await StartChildAsync(launcher, workDirectory, BenchSink, ports[2], ports, options, cancellationToken).ConfigureAwait(false));
            children.Add(await StartChildAsync(launcher, workDirectory, BenchRelay, ports[1], ports, options, cancellationToken).ConfigureAwait(false));
            Address relayAddress = new("akka.tcp", ClusterSettings.SystemName, "127.0.0.1", ports[1]);
            Address sinkAddress = new("akka.tcp", ClusterSettings.SystemName, "127.0.0.1", ports[2]);
            IActorRef rawRelay = await source.System.ActorSelection(new RootActorPath(relayAddress) / "user" / "raw-relay")
                .ResolveOne(TimeSpan.FromSeconds(20)).ConfigureAwait(false);
            IActorRef rawSource = source.System.ActorOf(RawSourceActor.Props(), "raw-source");
            var template = new LatentFrame(Envelope.Create("raw", 0, 1, "bench", payload, DateTimeOffset.UnixEpoch), payload);
            var probes = new Probes(source.System, relayAddress, sinkAddress);

            if (options.WarmUpMessages > 0)
            {
                progress?.Report($"warming up ({options.WarmUpMessages} messages each path)");
                await RunRawAsync(rawSource, rawRelay, template, options.WarmUpMessages, options.RawWindow, cancellationToken).ConfigureAwait(false);
                await RunClusterAsync(source, probes, options, options.WarmUpMessages, payload, rate: null, cancellationToken).ConfigureAwait(false);
            }

            int rounds = Math.Max(1, options.Rounds);
            var rawTimes = new List<double>(rounds);
            var clusterTimes = new List<double>(rounds);
            var rawCpu = new List<double>(rounds);
            var clusterCpu = new List<double>(rounds);
            long duplicates = 0;
            for (int round = 1; round <= rounds; round++)
            {
                TimeSpan cpuBefore = ProcessorTime(children);
                TimeSpan raw = await RunRawAsync(rawSource, rawRelay, template, options.Messages, options.RawWindow, cancellationToken).ConfigureAwait(false);
                TimeSpan cpuBetween = ProcessorTime(children);
                rawTimes.Add(raw.TotalSeconds);
                rawCpu.Add((cpuBetween - cpuBefore).TotalSeconds / options.Messages);
                ClusterRun chain = await RunClusterAsync(source, probes, options, options.Messages, payload, rate: null, cancellationToken).ConfigureAwait(false);
                clusterTimes.Add(chain.Elapsed.TotalSeconds);
                clusterCpu.Add((ProcessorTime(children) - cpuBetween).TotalSeconds / options.Messages);
                duplicates += chain.Duplicates;
                progress?.Report(
                    $"round {round}/{rounds}: {options.Messages} x {options.PayloadBytes} B, raw Tell {options.Messages / raw.TotalSeconds:0} msg/s, " +
                    $"cluster (source -> relay -> sink, Akka.Delivery) {options.Messages / chain.Elapsed.TotalSeconds:0} msg/s");
            }

            progress?.Report($"latency: {options.LatencyMessages} messages at {options.LatencyRate:0}/s");
            ClusterRun light = await RunClusterAsync(source, probes, options, options.LatencyMessages, payload, options.LatencyRate, cancellationToken).ConfigureAwait(false);
            double[] hops = [.. light.HopSeconds.Order()];

            return new TransportBenchmarkResult(
                "Akka.Remote DotNetty TCP on 127.0.0.1, three processes (source: this one; relay and sink: bench transport-member)",
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
        finally
        {
            foreach (int pid in children)
            {
                Processes.NodeProcesses.Stop(pid, TimeSpan.FromSeconds(10), onlyNodeProcesses: false);
            }
        }
    }

    internal static Task<AkkaClusterTransport> StartMemberAsync(string node, int port, int seedPort, TransportBenchmarkOptions options, CancellationToken cancellationToken) =>
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

    private static async Task<int> StartChildAsync(
        Processes.NodeLauncher launcher, string workDirectory, string role, int port, int[] ports, TransportBenchmarkOptions options, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(workDirectory);
        string ready = Path.GetFullPath(Path.Combine(workDirectory, role + ".ready"));
        string log = Path.Combine(workDirectory, role + ".log");
        File.Delete(ready);
        string[] arguments =
        [
            "bench", "transport-member", "--role", role,
            "--port", Invariant(port), "--seed-port", Invariant(ports[0]), "--sink-port", Invariant(ports[2]),
            "--lanes", Invariant(options.Lanes), "--in-flight", Invariant(options.PublishesInFlight), "--payload-bytes", Invariant(options.PayloadBytes),
            "--ready-file", ready,
        ];
        int pid = Processes.NodeProcesses.Start(launcher, arguments, log);
        var watch = Stopwatch.StartNew();
        while (!File.Exists(ready))
        {
            if (!Processes.NodeProcesses.IsAlive(pid) || watch.Elapsed > TimeSpan.FromSeconds(60))
            {
                Processes.NodeProcesses.Stop(pid, TimeSpan.FromSeconds(2), onlyNodeProcesses: false);
                throw new TransportException($"the {role} process (pid {pid}) did not start: {Processes.NodeProcesses.Tail(log)}");
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        return pid;
    }

    /// <summary>One cluster run with a flow id of its own, so leftovers of earlier runs never count.</summary>
    private static async Task<ClusterRun> RunClusterAsync(
        AkkaClusterTransport source, Probes probes, TransportBenchmarkOptions options, int messages, byte[] payload, double? rate, CancellationToken cancellationToken)
    {
        string flow = $"bench-{Guid.NewGuid():N}"[..14];
        using var window = new SemaphoreSlim(options.PublishesInFlight, options.PublishesInFlight);
        var publishes = new List<Task>(messages);
        var elapsed = Stopwatch.StartNew();
        for (int i = 0; i < messages; i++)
        {
            if (rate is { } perSecond)
            {
                TimeSpan due = TimeSpan.FromSeconds(i / perSecond) - elapsed.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, cancellationToken).ConfigureAwait(false);
                }
            }

            await window.WaitAsync(cancellationToken).ConfigureAwait(false);
            publishes.Add(PublishAsync(source, Envelope.Create(flow, i, level: 1, policy: "bench", payload, BenchRecorder.Now()), payload, window, cancellationToken));
        }

        // A publish completes when the relay acked it, which it does only once the sink acked the relay's output.
        try
        {
            await Task.WhenAll(publishes).WaitAsync(s_runLimit, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException error)
        {
            throw new TransportException($"cluster benchmark: not all {messages} frames were confirmed within {s_runLimit.TotalMinutes:0} minutes", error);
        }

        elapsed.Stop();
        BenchHopsReport atRelay = await probes.AskAsync(probes.Relay, flow).ConfigureAwait(false);
        BenchHopsReport atSink = await probes.AskAsync(probes.Sink, flow).ConfigureAwait(false);
        if (atSink.Delivered != messages)
        {
            throw new TransportException($"cluster benchmark: the sink holds {atSink.Delivered} of the {messages} confirmed frames");
        }

        return new ClusterRun(elapsed.Elapsed, [.. atRelay.HopSeconds, .. atSink.HopSeconds], atSink.Duplicates);
    }

    private static async Task PublishAsync(AkkaClusterTransport source, Envelope envelope, byte[] payload, SemaphoreSlim window, CancellationToken cancellationToken)
    {
        try
        {
            await source.PublishAsync(BenchRelay, envelope, payload, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            window.Release();
        }
    }

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

    // This process and the children: the CPU all three members spent.
    private static TimeSpan ProcessorTime(IEnumerable<int> children)
    {
        using Process self = Process.GetCurrentProcess();
        TimeSpan total = self.TotalProcessorTime;
        foreach (int pid in children)
        {
            try
            {
                using Process child = Process.GetProcessById(pid);
                total += child.TotalProcessorTime;
            }
            catch (Exception error) when (error is ArgumentException or InvalidOperationException)
            {
                // Gone: the run fails on its own.
            }
        }

        return total;
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

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

    private sealed record ClusterRun(TimeSpan Elapsed, double[] HopSeconds, long Duplicates);

    /// <summary>The relay's and the sink's /user/bench-probe.</summary>
    private sealed class Probes(ActorSystem system, Address relay, Address sink)
    {
        public ActorSelection Relay { get; } = system.ActorSelection(new RootActorPath(relay) / "user" / BenchProbeActor.Name);

        public ActorSelection Sink { get; } = system.ActorSelection(new RootActorPath(sink) / "user" / BenchProbeActor.Name);

        public Task<BenchHopsReport> AskAsync(ActorSelection probe, string flow) =>
            probe.Ask<BenchHopsReport>(new BenchHopsRequest(flow), TimeSpan.FromSeconds(20));
    }
}
