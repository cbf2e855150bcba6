namespace EdgeCascade.Runtime.Transport;

/// <summary>What <see cref="TransportBenchmark"/> measures.</summary>
public sealed class TransportBenchmarkOptions
{
    /// <summary>Messages in each throughput run. Default 5,000.</summary>
    public int Messages { get; init; } = 5_000;

    /// <summary>Payload size (a latent packet). Default 16 KiB.</summary>
    public int PayloadBytes { get; init; } = 16 * 1024;

    /// <summary>Messages in the light-load latency run. Default 200.</summary>
    public int LatencyMessages { get; init; } = 200;

    /// <summary>Send rate of the latency run, messages per second. Default 50.</summary>
    public double LatencyRate { get; init; } = 50;

    /// <summary>Publishes awaiting confirmation at the source at once in the cluster run. Default 256.</summary>
    public int PublishesInFlight { get; init; } = 256;

    /// <summary>Akka.Delivery lanes per link in the cluster run (each carries one unconfirmed frame). Default 32.</summary>
    public int Lanes { get; init; } = 32;

    /// <summary>Unacked frames at once in the raw Tell run. Default 64.</summary>
    public int RawWindow { get; init; } = 64;

    /// <summary>
    /// Alternating raw/cluster rounds; the medians are reported. On a shared machine single runs swing by 2x, and
    /// alternating puts both paths under the same background load. Default 3.
    /// </summary>
    public int Rounds { get; init; } = 3;

    /// <summary>
    /// Messages sent through each path before measuring, so JIT and connection warm-up do not count. Default 2,000: with
    /// the relay and the sink in fresh processes, 500 left the first cluster round at a third of the later ones (its
    /// 64 lanes' Akka.Delivery code still being compiled there).
    /// </summary>
    public int WarmUpMessages { get; init; } = 2_000;
}
