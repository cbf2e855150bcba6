using EdgeCascade.Runtime.Shaping;

namespace EdgeCascade.Runtime.Hosting;

/// <summary>One link's measured throughput in a run.</summary>
/// <param name="From">Sending node.</param>
/// <param name="Throughput">What it carried.</param>
public sealed record LinkThroughputEntry(string From, LinkThroughput Throughput);
