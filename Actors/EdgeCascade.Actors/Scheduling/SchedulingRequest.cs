using System.Globalization;
using EdgeCascade.Topologies.Model;

namespace EdgeCascade.Actors.Scheduling;

/// <summary>
/// One flow to schedule: its path and levels, the budgets along the path, and the image size.
/// </summary>
/// <remarks>
/// Budgets are throughput budgets: at the flow's rate every link must carry one image's bitstream,
/// and every node must finish one image's operators, within <see cref="SecondsPerImage"/>
/// (= 1 / images per second). End-to-end latency and queueing are the simulator's business.
/// </remarks>
/// <param name="SourceLevel">s: the level the source encodes at.</param>
/// <param name="TargetLevel">d: the level delivered at the destination.</param>
/// <param name="Path">Node names, source first, destination last; n_q is its hop count.</param>
/// <param name="LinkBitsPerSecond">Bandwidth of each hop, in path order (one fewer than nodes).</param>
/// <param name="Nodes">Compute budget of each node, in path order.</param>
/// <param name="SecondsPerImage">Per-image time budget of every link and node.</param>
/// <param name="ImageWidth">Image width in pixels.</param>
/// <param name="ImageHeight">Image height in pixels.</param>
public sealed record SchedulingRequest(
    int SourceLevel,
    int TargetLevel,
    IReadOnlyList<string> Path,
    IReadOnlyList<double> LinkBitsPerSecond,
    IReadOnlyList<NodeBudget> Nodes,
    double SecondsPerImage,
    int ImageWidth,
    int ImageHeight)
{
    /// <summary>Number of hops, which is n_q for every policy considered.</summary>
    public int HopCount => Path.Count - 1;

    /// <summary>
    /// n_q of the policies considered: one transmission per hop, but at most one per level (s − d + 1). A path
    /// with more hops than levels has pass-through relays that forward the last level's bitstream as is.
    /// </summary>
    public int Transmissions => Math.Min(HopCount, SourceLevel - TargetLevel + 1);

    /// <summary>The flow's rate, 1 / <see cref="SecondsPerImage"/>.</summary>
    public double ImagesPerSecond => 1.0 / SecondsPerImage;

    /// <summary>Bits hop <paramref name="hop"/> can carry per image.</summary>
    public double HopBudgetBits(int hop) => LinkBitsPerSecond[hop] * SecondsPerImage;

    /// <summary>A request for <paramref name="flow"/> over <paramref name="topology"/> at a target rate.</summary>
    /// <exception cref="KeyNotFoundException">A node or link of the flow's path is missing from the topology.</exception>
    public static SchedulingRequest FromTopology(TopologySpec topology, FlowSpec flow, double imagesPerSecond, int imageWidth, int imageHeight)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(imagesPerSecond);
        var links = new double[flow.HopCount];
        for (var i = 0; i < links.Length; i++)
        {
            links[i] = topology.Link(flow.Path[i], flow.Path[i + 1]).BandwidthBitsPerSecond;
        }

        var nodes = flow.Path
            .Select(name => topology.Node(name))
            .Select(node => new NodeBudget(node.Name, node.Gpu.EffectiveFlopsPerSecond, node.Gpu.MemoryBytes))
            .ToArray();
        return new SchedulingRequest(flow.SourceLevel, flow.TargetLevel, flow.Path, links, nodes, 1.0 / imagesPerSecond, imageWidth, imageHeight);
    }

    /// <summary>Checks the request is self-consistent.</summary>
    /// <exception cref="ArgumentException">A count mismatch, a non-positive size or time, or more hops than levels.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Path);
        ArgumentNullException.ThrowIfNull(LinkBitsPerSecond);
        ArgumentNullException.ThrowIfNull(Nodes);
        if (Path.Count < 2)
        {
            throw new ArgumentException($"a path needs a source and a destination, got {Path.Count} node(s)");
        }

        if (TargetLevel < 1 || SourceLevel < TargetLevel)
        {
            throw new ArgumentException(Invariant($"levels must satisfy s >= d >= 1, got s={SourceLevel}, d={TargetLevel}"));
        }

        if (LinkBitsPerSecond.Count != HopCount)
        {
            throw new ArgumentException(Invariant($"{LinkBitsPerSecond.Count} link bandwidth(s) for {HopCount} hop(s)"));
        }

        if (Nodes.Count != Path.Count)
        {
            throw new ArgumentException(Invariant($"{Nodes.Count} node budget(s) for {Path.Count} node(s) on the path"));
        }

        for (var i = 0; i < Nodes.Count; i++)
        {
            if (Nodes[i].Name != Path[i])
            {
                throw new ArgumentException($"node budget {i} is for '{Nodes[i].Name}' but the path has '{Path[i]}' there");
            }
        }

        if (!(SecondsPerImage > 0) || !double.IsFinite(SecondsPerImage))
        {
            throw new ArgumentException(Invariant($"seconds per image must be positive and finite, got {SecondsPerImage}"));
        }

        if (ImageWidth <= 0 || ImageHeight <= 0)
        {
            throw new ArgumentException(Invariant($"image size must be positive, got {ImageWidth}x{ImageHeight}"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
