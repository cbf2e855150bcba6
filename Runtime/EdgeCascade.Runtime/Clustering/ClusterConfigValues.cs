namespace EdgeCascade.Runtime.Clustering;

/// <summary>The settings a cluster settings file gave (null: not in the file), each already checked.</summary>
public sealed record ClusterConfigValues
{
    public string? Hostname { get; init; }

    public int? Port { get; init; }

    public IReadOnlyList<ClusterEndpoint>? SeedNodes { get; init; }

    public TimeSpan? JoinTimeout { get; init; }

    public TimeSpan? DownAfter { get; init; }

    public int? Lanes { get; init; }

    public int? MaxPayloadBytes { get; init; }
}
