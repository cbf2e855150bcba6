using EdgeCascade.Codec.Files;

namespace EdgeCascade.Experiments.Reports;

/// <summary>Scans result folders and writes the one self-contained HTML report made from them.</summary>
public static class ReportWriter
{
    /// <summary>Writes the report to <paramref name="path"/>; returns its section count and the files it read, in order.</summary>
    /// <exception cref="ReportInputException">A folder is missing or holds no usable result.</exception>
    public static (int Sections, IReadOnlyList<string> Inputs) Write(IReadOnlyList<string> directories, string path)
    {
        var scan = ReportScanner.Scan(directories);
        var (html, sections) = ReportBuilder.Build(scan);
        var parent = Path.GetDirectoryName(Path.GetFullPath(path));
        if (parent is not null)
        {
            Directory.CreateDirectory(parent);
        }

        SafeFile.WriteAllText(path, html);
        return (sections, scan.Inputs);
    }
}
