namespace EdgeCascade.Topologies.Model;

/// <summary>A directed link between two nodes.</summary>
/// <param name="From">Sending node.</param>
/// <param name="To">Receiving node.</param>
/// <param name="BandwidthBitsPerSecond">Capacity in bit/s.</param>
/// <param name="Latency">One-way propagation delay.</param>
/// <param name="LossRate">Probability that one transfer is lost and must be re-sent (0..1).</param>
/// <param name="Sharing">How concurrent transfers share the capacity.</param>
public sealed record LinkSpec(string From, string To, double BandwidthBitsPerSecond, TimeSpan Latency, double LossRate, LinkSharing Sharing)
{
    /// <summary>The link's name in reports, <c>from->to</c>.</summary>
    public string Name => $"{From}->{To}";
}
