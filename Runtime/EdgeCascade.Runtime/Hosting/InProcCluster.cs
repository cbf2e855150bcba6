using System.Globalization;
using EdgeCascade.Codec.Cascade;
using EdgeCascade.Runtime.Transport;
using EdgeCascade.Topologies.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeCascade.Runtime.Hosting;

/// <summary>
/// The embedded default: every node of a topology as a <see cref="NodeRuntime"/> in this process, over one
/// <see cref="InProcTransport"/>, with the real codec and the real-time scheduler. No network, no other process.
/// </summary>
public sealed class InProcCluster : IAsyncDisposable
{
    private readonly List<NodeRuntime> _nodes;

    private InProcCluster(TopologySpec topology, InProcTransport transport, List<NodeRuntime> nodes)
    {
        Topology = topology;
        Transport = transport;
        _nodes = nodes;
    }

    public TopologySpec Topology { get; }

    /// <summary>The shared in-process transport (publish to a source node's queue to feed images).</summary>
    public InProcTransport Transport { get; }

    public IReadOnlyList<NodeRuntime> Nodes => _nodes;

    /// <summary>Images written by all sinks so far.</summary>
    public long Delivered => _nodes.Sum(n => n.Statistics.Delivered);

    /// <summary>
    /// Starts every node. Sinks write under <paramref name="outputDirectory"/>/&lt;node&gt;. With
    /// <paramref name="bypassCodec"/> the nodes pass payloads on unchanged (<see cref="NodeHostOptions.BypassCodec"/>).
    /// </summary>
    public static async Task<InProcCluster> StartAsync(
        TopologySpec topology,
        CascadeEngine engine,
        string outputDirectory,
        string? policy = null,
        string? referenceImages = null,
        bool writeImages = true,
        bool shapeLinks = true,
        ILoggerFactory? loggerFactory = null,
        bool bypassCodec = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(engine);
        loggerFactory ??= NullLoggerFactory.Instance;
        var transport = new InProcTransport();
        var nodes = new List<NodeRuntime>();
        try
        {
            foreach (NodeSpec node in topology.Nodes)
            {
                var options = new NodeHostOptions
                {
                    Topology = topology,
                    NodeName = node.Name,
                    Policy = policy ?? RoutePlanner.DefaultPolicy,
                    OutputDirectory = Path.Combine(outputDirectory, node.Name),
                    ReferenceImages = referenceImages,
                    WriteImages = writeImages,
                    ShapeLinks = shapeLinks,
                    BypassCodec = bypassCodec,
                };
                nodes.Add(await NodeRuntime.StartAsync(
                    options, transport, engine, loggerFactory.CreateLogger($"node.{node.Name}"), cancellationToken: cancellationToken).ConfigureAwait(false));
            }
        }
        catch
        {
            foreach (NodeRuntime node in nodes)
            {
                await node.AbortAsync().ConfigureAwait(false);
            }

            await transport.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new InProcCluster(topology, transport, nodes);
    }

    /// <summary>
    /// Feeds <paramref name="count"/> images per source from <paramref name="images"/> (each image once for all the
    /// source's flows, so <paramref name="count"/> per flow), waits until the sinks have them all
    /// (or <paramref name="timeout"/> passes), and summarises the run.
    /// </summary>
    public async Task<ClusterRunResult> RunAsync(
        ImageSet images,
        int count,
        double ratePerSecond = 0,
        string? policy = null,
        TimeSpan? timeout = null,
        IProgress<long>? progress = null,
        CancellationToken cancellationToken = default,
        Action<string, string>? skipped = null,
        Action<string, long, string>? rejected = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        long before = Delivered;
        long start = TimeProvider.System.GetTimestamp();
        // A file that does not decode is reported and never sent (issue 17, failure 9: it used to be sent, refused at the
        // source and waited for until the timeout); a refused image is reported and not counted.
        long sent = await ImageSender.SendAsync(
                Transport, Topology, images, count, ratePerSecond, policy, cancellationToken: cancellationToken,
                skipped: skipped ?? ((_, _) => { }), rejected: rejected)
            .ConfigureAwait(false);
        long expected = before + sent;
        TimeSpan limit = timeout ?? TimeSpan.FromMinutes(10);
        long reported = -1;
        while (Delivered < expected && TimeProvider.System.GetElapsedTime(start) < limit)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long now = Delivered - before;
            if (now != reported)
            {
                progress?.Report(now);
                reported = now;
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }

        double seconds = TimeProvider.System.GetElapsedTime(start).TotalSeconds;
        progress?.Report(Delivered - before);
        if (Delivered < expected)
        {
            throw new TimeoutException(string.Create(
                CultureInfo.InvariantCulture,
                $"only {Delivered - before} of {sent} images reached the sinks within {limit.TotalSeconds:0} s"));
        }

        return Summarise(sent, seconds);
    }

    /// <summary>The run's numbers from the sinks' CSVs and the shaped links.</summary>
    public ClusterRunResult Summarise(long sent, double seconds)
    {
        var records = new List<SinkRecord>();
        var directories = new List<string>();
        foreach (NodeRuntime node in _nodes)
        {
            if (node.Sink is { } sink)
            {
                directories.Add(sink.Directory);
                records.AddRange(SinkWriter.ReadCsv(sink.CsvPath));
            }
        }

        double[] latencies = records.Select(r => r.LatencySeconds).Order().ToArray();
        double[] psnr = records.Select(r => r.PsnrDb).Where(p => !double.IsNaN(p)).ToArray();
        var links = _nodes.SelectMany(n => n.LinkThroughput().Select(t => new LinkThroughputEntry(n.Node.Name, t))).ToList();
        return new ClusterRunResult(
            Topology.Name,
            sent,
            _nodes.Sum(n => n.Statistics.Delivered),
            _nodes.Sum(n => n.Statistics.Duplicates),
            seconds,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.99),
            records.Count == 0 ? double.NaN : records.Average(r => r.BitsPerPixel),
            psnr.Length == 0 ? double.NaN : psnr.Average(),
            records,
            links,
            directories,
            _nodes.Select(n => new NodeRunEntry(n.Node.Name, n.Statistics)).ToList());
    }

    /// <summary>Stops every node gracefully, then the transport.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (NodeRuntime node in _nodes)
        {
            await node.StopAsync().ConfigureAwait(false);
        }

        await Transport.DisposeAsync().ConfigureAwait(false);
    }

    internal static double Percentile(double[] sorted, double quantile)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        int index = (int)Math.Ceiling(quantile * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }
}
