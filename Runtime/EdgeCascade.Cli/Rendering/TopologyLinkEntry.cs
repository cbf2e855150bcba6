using System.Text.Json.Serialization;

namespace EdgeCascade.Cli.Rendering;

/// <summary>One link of a topology document.</summary>
internal sealed record TopologyLinkEntry(
    string From,
    string To,
    [property: JsonPropertyName("bandwidth_bps")] double BandwidthBitsPerSecond,
    double LatencySeconds,
    double LossRate,
    string Sharing);
