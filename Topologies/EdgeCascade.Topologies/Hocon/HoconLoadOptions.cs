namespace EdgeCascade.Topologies.Hocon;

/// <summary>Options for <see cref="HoconLoader"/>.</summary>
public sealed record HoconLoadOptions
{
    /// <summary>Environment lookup used when a substitution is not found in the configuration.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>How many files deep <c>include</c> may nest before the load fails.</summary>
    public int MaxIncludeDepth { get; init; } = 16;

    /// <summary>
    /// Largest configuration file read, the top file and each include alike (default 16 MiB, thousands of times a
    /// real topology file), so a wrong path such as /dev/zero fails at once instead of exhausting memory.
    /// </summary>
    public long MaxFileBytes { get; init; } = 16L << 20;

    internal static HoconLoadOptions Default { get; } = new();
}
