using EdgeCascade.Topologies.Model;

namespace EdgeCascade.Runtime.Shaping;

/// <summary>The bandwidth limit of one outgoing link, keyed by the node it leads to.</summary>
/// <param name="Destination">The receiving node.</param>
/// <param name="BitsPerSecond">Configured capacity.</param>
/// <param name="BurstBytes">Token-bucket size.</param>
public sealed record LinkShape(string Destination, double BitsPerSecond, long BurstBytes)
{
    /// <summary>Smallest default burst: one 16 KiB latent packet.</summary>
    public const long MinimumBurstBytes = 16 * 1024;

    /// <summary>A link shaped at <paramref name="bitsPerSecond"/> with the default burst (50 ms of traffic, at least 16 KiB).</summary>
    public static LinkShape ForRate(string destination, double bitsPerSecond) =>
        new(destination, bitsPerSecond, DefaultBurstBytes(bitsPerSecond));

    /// <summary>Every outgoing link of <paramref name="node"/> in <paramref name="topology"/>.</summary>
    public static IReadOnlyList<LinkShape> OutgoingLinks(TopologySpec topology, string node)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return topology.Links
            .Where(link => link.From == node && double.IsFinite(link.BandwidthBitsPerSecond) && link.BandwidthBitsPerSecond > 0)
            .Select(link => ForRate(link.To, link.BandwidthBitsPerSecond))
            .ToList();
    }

    /// <summary>50 ms worth of bytes at the rate, at least <see cref="MinimumBurstBytes"/>.</summary>
    public static long DefaultBurstBytes(double bitsPerSecond) =>
        Math.Max(MinimumBurstBytes, (long)(bitsPerSecond / 8.0 * 0.05));
}
