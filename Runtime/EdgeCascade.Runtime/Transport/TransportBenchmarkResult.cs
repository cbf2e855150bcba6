namespace EdgeCascade.Runtime.Transport;

/// <summary>The numbers <c>edgecascade bench transport</c> prints.</summary>
/// <param name="Wire">What carried the messages.</param>
/// <param name="Messages">Messages per throughput run.</param>
/// <param name="PayloadBytes">Payload size.</param>
/// <param name="Rounds">Alternating raw/cluster rounds measured.</param>
/// <param name="RawSeconds">Median raw round: first Tell to last ack, source -> relay -> sink, plain Akka.Remote.</param>
/// <param name="ClusterSeconds">Median cluster round: first source publish to last sink delivery, source -> relay -> sink.</param>
/// <param name="HopLatencyP50Seconds">Median per-hop latency (publish start to handler start) at light load.</param>
/// <param name="HopLatencyP99Seconds">99th percentile of the same.</param>
/// <param name="LatencySamples">Hop samples behind the percentiles (two per message).</param>
/// <param name="DuplicatesAtSink">Duplicates the sink's de-duplicator dropped (expected 0 in a clean run).</param>
public sealed record TransportBenchmarkResult(
    string Wire,
    int Messages,
    int PayloadBytes,
    int Rounds,
    double RawSeconds,
    double ClusterSeconds,
    double HopLatencyP50Seconds,
    double HopLatencyP99Seconds,
    int LatencySamples,
    long DuplicatesAtSink)
{
    /// <summary>Publishes awaiting confirmation at the source at once in the cluster run.</summary>
    public int PublishesInFlight { get; init; }

    /// <summary>Akka.Delivery lanes per link in the cluster run.</summary>
    public int Lanes { get; init; }

    /// <summary>Unacked frames at once in the raw run.</summary>
    public int RawWindow { get; init; }

    /// <summary>Median CPU time per message in the raw rounds, the three processes together.</summary>
    public double RawClientCpuSecondsPerMessage { get; init; }

    /// <summary>Median CPU time per message in the cluster rounds, the three processes together.</summary>
    public double ClusterClientCpuSecondsPerMessage { get; init; }

    public double RawMessagesPerSecond => Messages / RawSeconds;

    public double ClusterMessagesPerSecond => Messages / ClusterSeconds;

    /// <summary>Cluster over raw throughput; the issue asks for at least 0.5, goal 0.8.</summary>
    public double Ratio => ClusterMessagesPerSecond / RawMessagesPerSecond;
}
