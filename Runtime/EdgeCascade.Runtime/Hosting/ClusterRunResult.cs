using EdgeCascade.Runtime.Shaping;

namespace EdgeCascade.Runtime.Hosting;

/// <summary>The outcome of a whole-topology run in one process (<c>edgecascade cluster run</c>).</summary>
/// <param name="Topology">Topology name.</param>
/// <param name="Sent">
/// Images accepted at the sources, counted per flow: one image sent once to a source with two flows counts two, as
/// the sinks deliver it twice.
/// </param>
/// <param name="Delivered">Images written by the sinks.</param>
/// <param name="Duplicates">Redeliveries the sinks dropped.</param>
/// <param name="Seconds">From the first publish to the last delivery.</param>
/// <param name="LatencyP50Seconds">Median end-to-end latency.</param>
/// <param name="LatencyP99Seconds">99th percentile end-to-end latency.</param>
/// <param name="MeanBitsPerPixel">Mean bpp of the last hop.</param>
/// <param name="MeanPsnrDb">Mean PSNR (NaN when no reference).</param>
/// <param name="Records">Every delivered image.</param>
/// <param name="Links">Measured throughput per shaped link.</param>
/// <param name="OutputDirectories">The sinks' output folders.</param>
/// <param name="Nodes">Every node's counters (codec stages run, messages received and forwarded).</param>
public sealed record ClusterRunResult(
    string Topology,
    long Sent,
    long Delivered,
    long Duplicates,
    double Seconds,
    double LatencyP50Seconds,
    double LatencyP99Seconds,
    double MeanBitsPerPixel,
    double MeanPsnrDb,
    IReadOnlyList<SinkRecord> Records,
    IReadOnlyList<LinkThroughputEntry> Links,
    IReadOnlyList<string> OutputDirectories,
    IReadOnlyList<NodeRunEntry> Nodes)
{
    /// <summary>Delivered images per second.</summary>
    public double ImagesPerSecond => Seconds > 0 ? Delivered / Seconds : 0;
}
