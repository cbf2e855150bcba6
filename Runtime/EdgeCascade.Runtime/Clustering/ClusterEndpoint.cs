using System.Globalization;

namespace EdgeCascade.Runtime.Clustering;

/// <summary>A validated host and TCP port of a cluster member (Akka.Remote's DotNetty TCP endpoint).</summary>
public sealed record ClusterEndpoint
{
    private ClusterEndpoint(string host, int port)
    {
        Host = host;
        Port = port;
    }

    /// <summary>A host name or IPv4 address: letters, digits, '.', '-' only (it is written into Akka's config).</summary>
    public string Host { get; }

    /// <summary>1-65535 (0, "any free port", only where a node listens, never in a seed address).</summary>
    public int Port { get; }

    /// <summary>Builds an endpoint, or throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    public static ClusterEndpoint Create(string host, int port, bool allowAnyPort = false)
    {
        ArgumentNullException.ThrowIfNull(host);
        CheckHost(host);
        if (port < (allowAnyPort ? 0 : 1) || port > 65535)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"port {port} is out of range (1-65535)"));
        }

        return new ClusterEndpoint(host, port);
    }

    /// <summary>Parses "host:port".</summary>
    public static ClusterEndpoint Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        int colon = trimmed.LastIndexOf(':');
        if (colon <= 0 || colon == trimmed.Length - 1)
        {
            throw new ArgumentException($"seed node '{text}' is not host:port");
        }

        if (!int.TryParse(trimmed.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port))
        {
            throw new ArgumentException($"seed node '{text}' has no numeric port");
        }

        return Create(trimmed[..colon], port);
    }

    /// <summary>Parses a comma-separated list of host:port.</summary>
    public static IReadOnlyList<ClusterEndpoint> ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse).ToList();
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Host}:{Port}");

    private static void CheckHost(string host)
    {
        if (host.Length is 0 or > 253 || !host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-') || host[0] is '.' or '-')
        {
            throw new ArgumentException($"host '{host}' is not a host name or IPv4 address (letters, digits, '.', '-')");
        }
    }
}
