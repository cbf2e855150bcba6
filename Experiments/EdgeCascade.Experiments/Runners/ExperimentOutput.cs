using System.Text;
using EdgeCascade.Codec.Files;
using EdgeCascade.Experiments.Plots;

namespace EdgeCascade.Experiments.Runners;

/// <summary>Writes an experiment's document (<c>&lt;experiment&gt;.json</c>) and its R-D plot into a results folder.</summary>
public static class ExperimentOutput
{
    /// <summary>
    /// Writes the document and its plot into a staging folder and moves them in together, so a failed write never
    /// leaves a new document beside an old plot. Returns the paths as they are in <paramref name="directory"/>.
    /// </summary>
    public static (string Document, IReadOnlyList<string> Plots) Write(ExperimentResult result, string directory)
    {
        ArgumentNullException.ThrowIfNull(result);
        var staging = SafeFile.CreateStagingDirectory(directory);
        var path = Path.Combine(directory, $"{result.Kind.ToString().ToLowerInvariant()}.json");
        try
        {
            SafeFile.WriteAllBytes(Path.Combine(staging, Path.GetFileName(path)), Encoding.UTF8.GetBytes(result.ToJson()));
            var plots = RdPlot.WriteFor(result, staging).Select(p => Path.Combine(directory, Path.GetFileName(p))).ToList();
            SafeFile.PublishDirectory(staging, directory);
            return (path, plots);
        }
        finally
        {
            SafeFile.DeleteStagingDirectory(staging);
        }
    }
}
