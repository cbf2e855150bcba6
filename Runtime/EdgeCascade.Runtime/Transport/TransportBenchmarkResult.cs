namespace EdgeCascade.Runtime.Transport;

/// <summary>The numbers <c>edgecascade bench transport</c> prints.</summary>
/// <param name="Broker">Broker address (no credentials).</param>
/// <param name="Messages">Messages per throughput run.</param>
/// <param name="PayloadBytes">Payload size.</param>
/// <param name="Rounds">Alternating raw/cluster rounds measured.</param>
/// <param name="RawSeconds">Median raw round: first publish to last consumer ack, one queue, plain RabbitMQ.Client.</param>
/// <param name="ClusterSeconds">Median cluster round: first source publish to last sink delivery, source -> relay -> sink.</param>
/// <param name="HopLatencyP50Seconds">Median per-hop latency (publish start to handler start) at light load.</param>
/// <param name="HopLatencyP99Seconds">99th percentile of the same.</param>
/// <param name="LatencySamples">Hop samples behind the percentiles (two per message).</param>
/// <param name="DuplicatesAtSink">Duplicates the sink's de-duplicator dropped (expected 0 in a clean run).</param>
public sealed record TransportBenchmarkResult(
    string Broker,
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
    /// <summary>Publishes awaiting a confirm at once, per publisher, in both runs.</summary>
    public int PublishesInFlight { get; init; }

    /// <summary>Most envelopes per broker message in the cluster run (1 = no batching).</summary>
    public int MaxBatchMessages { get; init; }

    /// <summary>Median, over the cluster rounds, of broker messages the source and relay published per envelope-hop (1 without batching).</summary>
    public double ClusterBrokerMessagesPerHop { get; init; }

    /// <summary>Consumer prefetch, per consumer, in both runs.</summary>
    public int Prefetch { get; init; }

    /// <summary>Median CPU time of this process per message in the raw rounds (publisher and consumer).</summary>
    public double RawClientCpuSecondsPerMessage { get; init; }

    /// <summary>Median CPU time of this process per message in the cluster rounds (source, relay and sink).</summary>
    public double ClusterClientCpuSecondsPerMessage { get; init; }

    public double RawMessagesPerSecond => Messages / RawSeconds;

    public double ClusterMessagesPerSecond => Messages / ClusterSeconds;

    /// <summary>Cluster over raw throughput; issue 7 asks for at least 0.5.</summary>
    public double Ratio => ClusterMessagesPerSecond / RawMessagesPerSecond;
}
