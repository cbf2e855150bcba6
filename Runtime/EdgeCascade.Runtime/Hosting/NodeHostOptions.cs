using EdgeCascade.Topologies.Model;

namespace EdgeCascade.Runtime.Hosting;

/// <summary>What one node process (or one in-process node) runs.</summary>
public sealed class NodeHostOptions
{
    /// <summary>The topology the node belongs to.</summary>
    public required TopologySpec Topology { get; init; }

    /// <summary>This node's name in the topology.</summary>
    public required string NodeName { get; init; }

    /// <summary>uniform (default), edge, late, or policy bits; must be the same on every node and at the sender.</summary>
    public string Policy { get; init; } = RoutePlanner.DefaultPolicy;

    /// <summary>Where a sink writes reconstructions (PNG) and deliveries.csv. Default runs/nodes/&lt;topology&gt;/&lt;node&gt;.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Folder of the original images (the ones <c>edgecascade send</c> read), for PSNR at the sink; none = no PSNR.</summary>
    public string? ReferenceImages { get; init; }

    /// <summary>Write reconstruction PNGs at sinks (the CSV is always written). Default true.</summary>
    public bool WriteImages { get; init; } = true;

    /// <summary>
    /// Most deliveries in flight at this node (handed to it and not yet settled). Default: the node's GPU queue capacity plus its
    /// concurrency, capped at 64, so admission never overflows the GPU queue.
    /// </summary>
    public int? Prefetch { get; init; }

    /// <summary>How long a graceful stop waits for in-flight work to be forwarded and acked. Default 10 s.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Hold each stage for the node's modelled GPU time (FLOPs / effective FLOP/s) as the simulator does. Default
    /// false: a real run takes as long as the codec really takes on this machine.
    /// </summary>
    public bool EmulateGpuTime { get; init; }

    /// <summary>Shape outgoing links to the topology's bandwidth with token buckets. Default true.</summary>
    public bool ShapeLinks { get; init; } = true;

    /// <summary>
    /// Pass every payload on unchanged instead of running the codec stages (transport and link-shaping measurements:
    /// fast enough to fill any link). The source forwards the image file's bytes; a sink writes its CSV row (latency,
    /// bits per pixel of the payload at the flow's image size, no PSNR) and no PNG. Default false.
    /// </summary>
    public bool BypassCodec { get; init; }

    /// <summary>
    /// Keep the images this node accepts as a source in a <see cref="Durability.DurableSourceQueue"/> file
    /// (<see cref="SourceQueueFileName"/> in the output folder), so a SIGKILLed source sends them on after its restart;
    /// the sender's publish then completes once the image is on the source's disk, not once it reached the sink.
    /// Default false (the in-process <c>cluster run</c>); every <c>edgecascade node</c> process turns it on.
    /// </summary>
    public bool DurableSourceQueue { get; init; }

    /// <summary>Most images a source's durable queue holds (accepted, not yet handed on); more wait. Default 1024.</summary>
    public int SourceQueueCapacity { get; init; } = 1024;

    /// <summary>The durable source queue's file name inside the output folder.</summary>
    public const string SourceQueueFileName = "source-queue.log";

    /// <summary>The output folder in effect.</summary>
    public string ResolveOutputDirectory() =>
        OutputDirectory ?? Path.Combine("runs", "nodes", Topology.Name, NodeName);
}
