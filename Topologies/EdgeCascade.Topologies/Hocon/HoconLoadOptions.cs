namespace EdgeCascade.Topologies.Hocon;

/// <summary>Options for <see cref="HoconLoader"/>.</summary>
public sealed record HoconLoadOptions
{
    /// <summary>Environment lookup used when a substitution is not found in the configuration.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>How many files deep <c>include</c> may nest before the load fails.</summary>
    public int MaxIncludeDepth { get; init; } = 16;

    internal static HoconLoadOptions Default { get; } = new();
}
