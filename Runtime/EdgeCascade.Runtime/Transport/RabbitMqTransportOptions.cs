namespace EdgeCascade.Runtime.Transport;

/// <summary>Where the broker is and how the RabbitMQ transport uses it.</summary>
public sealed class RabbitMqTransportOptions : TransportOptions
{
    /// <summary>Environment variable read when <see cref="BrokerUri"/> is not set, e.g. amqp://user:pass@host:5672/vhost.</summary>
    public const string BrokerUriVariable = "EDGECASCADE_BROKER_URI";

    /// <summary>
    /// amqp://user:password@host:port/vhost. When null: <see cref="BrokerUriVariable"/>, else amqp://127.0.0.1:5672/
    /// with the client library's default credentials (which RabbitMQ accepts from loopback only).
    /// </summary>
    public Uri? BrokerUri { get; init; }

    /// <summary>Topology name; it scopes queue and exchange names so two topologies can share one broker.</summary>
    public string Topology { get; init; } = "default";

    /// <summary>Most publishes awaiting their broker confirm at once (per transport). Default 256.</summary>
    public int MaxPublishesInFlight { get; init; } = 256;

    /// <summary>
    /// Most envelopes one broker message may carry. Publishes that queue up behind a full confirm window travel
    /// together as one <see cref="EnvelopeBatch"/> frame; nothing is held back to fill one. 1 turns batching off.
    /// Default 32.
    /// </summary>
    /// <remarks>Prefetch counts broker messages, so a consumer may hold up to prefetch x this many envelopes.</remarks>
    public int MaxBatchMessages { get; init; } = 32;

    /// <summary>Most bytes of one batch frame. Default 512 KiB (32 latents of 16 KiB).</summary>
    public int MaxBatchBytes { get; init; } = 512 * 1024;

    /// <summary>Connection attempts before giving up with a <see cref="TransportException"/>. Default 5.</summary>
    public int ConnectAttempts { get; init; } = 5;

    /// <summary>Delay after the first failed attempt; doubled after each further failure. Default 200 ms.</summary>
    public TimeSpan InitialRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Upper bound of the retry delay. Default 5 s.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The connection name shown by rabbitmqctl list_connections.</summary>
    public string ClientName { get; init; } = "edgecascade";

    /// <summary>The durable queue of <paramref name="node"/>: edgecascade.&lt;topology&gt;.&lt;node&gt;.</summary>
    public string QueueName(string node) => $"edgecascade.{Topology}.{node}";

    /// <summary>The fanout exchange membership heartbeats travel on: edgecascade.&lt;topology&gt;.heartbeats.</summary>
    public string HeartbeatExchange => $"edgecascade.{Topology}.heartbeats";

    /// <summary>The broker URI in effect: the option, else the environment variable, else loopback.</summary>
    /// <exception cref="TransportException">The environment variable is not a valid amqp(s) URI.</exception>
    public Uri ResolveBrokerUri()
    {
        if (BrokerUri is not null)
        {
            return CheckScheme(BrokerUri, "--broker");
        }

        string? fromEnvironment = Environment.GetEnvironmentVariable(BrokerUriVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            if (!Uri.TryCreate(fromEnvironment.Trim(), UriKind.Absolute, out Uri? parsed))
            {
                throw new TransportException($"{BrokerUriVariable} is not a valid URI (expected amqp://user:password@host:5672/)");
            }

            return CheckScheme(parsed, BrokerUriVariable);
        }

        return new Uri("amqp://127.0.0.1:5672/");
    }

    /// <summary>The URI without user, password or vhost, safe to print.</summary>
    public static string Describe(Uri brokerUri)
    {
        ArgumentNullException.ThrowIfNull(brokerUri);
        int port = brokerUri.Port > 0 ? brokerUri.Port : brokerUri.Scheme == "amqps" ? 5671 : 5672;
        return $"{brokerUri.Scheme}://{brokerUri.Host}:{port}";
    }

    private static Uri CheckScheme(Uri uri, string source)
    {
        if (uri.Scheme is not ("amqp" or "amqps"))
        {
            throw new TransportException($"{source}: broker URI must start with amqp:// or amqps://, got {uri.Scheme}://");
        }

        return uri;
    }
}
