namespace EdgeCascade.Runtime.Transport;

/// <summary>What <see cref="TransportBenchmark"/> measures.</summary>
public sealed class TransportBenchmarkOptions
{
    /// <summary>Broker; null means <see cref="RabbitMqTransportOptions.ResolveBrokerUri"/> (environment, then loopback).</summary>
    public Uri? BrokerUri { get; init; }

    /// <summary>Messages in each throughput run. Default 5,000.</summary>
    public int Messages { get; init; } = 5_000;

    /// <summary>Payload size (a latent packet). Default 16 KiB.</summary>
    public int PayloadBytes { get; init; } = 16 * 1024;

    /// <summary>Messages in the light-load latency run. Default 200.</summary>
    public int LatencyMessages { get; init; } = 200;

    /// <summary>Send rate of the latency run, messages per second. Default 100.</summary>
    public double LatencyRate { get; init; } = 100;

    /// <summary>Publishes awaiting a confirm at once, in both runs. Default 256.</summary>
    public int PublishesInFlight { get; init; } = 256;

    /// <summary>
    /// Most envelopes per broker message in the cluster run (<see cref="RabbitMqTransportOptions.MaxBatchMessages"/>);
    /// 1 sends every envelope alone. The raw run is plain RabbitMQ.Client and never batches. Default 32.
    /// </summary>
    public int MaxBatchMessages { get; init; } = new RabbitMqTransportOptions().MaxBatchMessages;

    /// <summary>Consumer prefetch, in both runs. Default 256.</summary>
    public int Prefetch { get; init; } = 256;

    /// <summary>
    /// Alternating raw/cluster rounds; the medians are reported. On a shared machine single runs swing by 2x, and
    /// alternating puts both paths under the same background load. Default 3.
    /// </summary>
    public int Rounds { get; init; } = 3;

    /// <summary>Messages sent through each path before measuring, so JIT and connection warm-up do not count. Default 500.</summary>
    public int WarmUpMessages { get; init; } = 500;
}
