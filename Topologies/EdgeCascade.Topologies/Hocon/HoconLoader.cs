namespace EdgeCascade.Topologies.Hocon;

/// <summary>
/// Entry point: parse HOCON text or files, layer them over fallbacks and resolve substitutions.
/// Resolution happens after all merging, so <c>${...}</c> in a user file can see keys that only a
/// fallback (such as an embedded reference.conf) defines.
/// </summary>
public static class HoconLoader
{
    /// <summary>Parses <paramref name="text"/>, merges it over <paramref name="fallback"/> and resolves it.</summary>
    public static HoconObject LoadString(
        string text,
        string sourceName,
        HoconObject? fallback = null,
        HoconLoadOptions? options = null,
        string? baseDirectory = null)
    {
        HoconObject parsed = ParseString(text, sourceName, options, baseDirectory);
        return Resolve(fallback is null ? parsed : parsed.WithFallback(fallback), options);
    }

    /// <summary>Reads a file (includes are relative to its folder), merges it over <paramref name="fallback"/> and resolves it.</summary>
    public static HoconObject LoadFile(string path, HoconObject? fallback = null, HoconLoadOptions? options = null)
    {
        HoconObject parsed = ParseFile(path, options);
        return Resolve(fallback is null ? parsed : parsed.WithFallback(fallback), options);
    }

    /// <summary>Parses without resolving substitutions; merge layers with <see cref="HoconObject.WithFallback"/>, then <see cref="Resolve"/>.</summary>
    public static HoconObject ParseString(string text, string sourceName, HoconLoadOptions? options = null, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);
        ObjectNode root = HoconParser.ParseDocument(
            text,
            sourceName,
            baseDirectory ?? Directory.GetCurrentDirectory(),
            options ?? HoconLoadOptions.Default,
            fullPath: null);
        return new HoconObject(root, string.Empty, resolved: false);
    }

    /// <summary>Parses a file without resolving substitutions.</summary>
    public static HoconObject ParseFile(string path, HoconLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        string fullPath;
        try
        {
            fullPath = System.IO.Path.GetFullPath(path);
            text = HoconFileReader.Read(fullPath, (options ?? HoconLoadOptions.Default).MaxFileBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new HoconException(new SourcePosition(path, 1, 1), string.Empty, $"cannot read configuration file: {Reason(e)}", "check that the path names the topology file and it is readable");
        }

        ObjectNode root = HoconParser.ParseDocument(
            text,
            path,
            System.IO.Path.GetDirectoryName(fullPath) ?? Directory.GetCurrentDirectory(),
            options ?? HoconLoadOptions.Default,
            fullPath);
        return new HoconObject(root, string.Empty, resolved: false);
    }

    /// <summary>A read failure in words: .NET says "Access to the path is denied" for a directory and for permissions alike.</summary>
    internal static string Reason(Exception error) => error switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file",
        UnauthorizedAccessException => "permission denied",
        ArgumentException => "the path is empty or invalid",
        _ => error.Message,
    };

    /// <summary>Resolves every substitution, concatenation and delayed merge of <paramref name="root"/>.</summary>
    public static HoconObject Resolve(HoconObject root, HoconLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (root.IsResolved)
        {
            return root;
        }

        ObjectNode resolved = HoconResolver.Resolve(root.Node, options ?? HoconLoadOptions.Default);
        return new HoconObject(resolved, root.Path, resolved: true);
    }
}
