using EdgeCascade.Topologies.Hocon;
using EdgeCascade.Topologies.Model;
using EdgeCascade.Topologies.Validation;

namespace EdgeCascade.Topologies;

/// <summary>Loads topologies.hocon (or any file) layered over the embedded reference.conf.</summary>
public static class TopologyLoader
{
    /// <summary>The file name looked up when no file is given.</summary>
    public const string DefaultFileName = "topologies.hocon";

    private static readonly Lazy<string> ReferenceText = new(() =>
    {
        using var stream = typeof(TopologyLoader).Assembly.GetManifestResourceStream("EdgeCascade.Topologies.reference.conf")
            ?? throw new InvalidOperationException("reference.conf is not embedded in EdgeCascade.Topologies");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>The embedded reference.conf, as documentation for users.</summary>
    public static string ReferenceConfig => ReferenceText.Value;

    /// <summary>Loads and validates a topology file.</summary>
    /// <exception cref="TopologyException">The file is missing, malformed or invalid; the message is one line with file:line:column.</exception>
    public static TopologyCatalog LoadFile(string path, HoconLoadOptions? options = null)
    {
        if (Directory.Exists(path))
        {
            throw new TopologyException(new TopologyDiagnostic(path, 0, 0, string.Empty, "this is a directory, not a topology file",
                $"pass the file itself, e.g. {Path.Combine(path, DefaultFileName)}"));
        }

        if (!File.Exists(path))
        {
            throw new TopologyException(new TopologyDiagnostic(path, 0, 0, string.Empty, "topology file not found",
                $"pass --file PATH, or run from the repository root where {DefaultFileName} lives"));
        }

        return Load(() => HoconLoader.LoadFile(path, ReferenceRoot(options), options), path);
    }

    /// <summary>Loads and validates topology text (for tests and embedded defaults).</summary>
    public static TopologyCatalog LoadString(string text, string sourceName, HoconLoadOptions? options = null, string? baseDirectory = null) =>
        Load(() => HoconLoader.LoadString(text, sourceName, ReferenceRoot(options), options, baseDirectory), sourceName);

    /// <summary>
    /// Finds the default topologies file: <paramref name="explicitPath"/> if given, else topologies.hocon in the
    /// current directory or any parent (so commands work from sub-folders of a checkout), else the copy shipped
    /// next to the executable.
    /// </summary>
    public static string ResolvePath(string? explicitPath)
    {
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return explicitPath;
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, DefaultFileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        var besideExe = Path.Combine(AppContext.BaseDirectory, DefaultFileName);
        return File.Exists(besideExe) ? besideExe : DefaultFileName;
    }

    private static HoconObject ReferenceRoot(HoconLoadOptions? options) =>
        HoconLoader.ParseString(ReferenceText.Value, "reference.conf", options);

    private static TopologyCatalog Load(Func<HoconObject> parse, string sourceName)
    {
        try
        {
            return TopologyReader.Read(parse(), sourceName);
        }
        catch (HoconException error)
        {
            throw new TopologyException(new TopologyDiagnostic(
                error.Position.File, error.Position.Line, error.Position.Column, error.KeyPath, error.Reason, error.Hint));
        }
    }
}
