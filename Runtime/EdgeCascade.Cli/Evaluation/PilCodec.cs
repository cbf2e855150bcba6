using System.Globalization;
using System.Reflection;
using EdgeCascade.Codec.Imaging;

namespace EdgeCascade.Cli.Evaluation;

/// <summary>
/// A classic codec through PIL in Debian's <c>/usr/bin/python3</c> (python3-pil), the fallback when cjpeg or cwebp
/// is not installed; the same settings as <c>training/eval_reference.py</c>. The script ships inside the CLI.
/// </summary>
internal sealed class PilCodec : IClassicCodec
{
    public const string Python = "/usr/bin/python3";
    private const string ScriptResource = "EdgeCascade.Cli.Evaluation.pil_codec.py";

    private readonly string _format;

    private PilCodec(string name, string format, string version, IReadOnlyList<int> qualities)
    {
        Name = name;
        _format = format;
        Tool = format == "JPEG" ? $"PIL {version} via {Python}, JPEG 4:2:0" : $"PIL {version} via {Python}, WebP method 4";
        Qualities = qualities;
    }

    public string Name { get; }

    public string Tool { get; }

    public IReadOnlyList<int> Qualities { get; }

    /// <summary>The PIL codec for <paramref name="name"/> (jpeg or webp), or null when python3 or PIL (or its WebP support) is missing.</summary>
    public static PilCodec? Create(string name, IReadOnlyList<int> qualities)
    {
        var format = name == "jpeg" ? "JPEG" : "WEBP";
        var probe = ExternalProcess.TryRun(Python, ["-c", $"import PIL, PIL.features, sys; sys.exit(0 if PIL.features.check('{(format == "JPEG" ? "jpg" : "webp")}') else 1); "]);
        if (probe is not { ExitCode: 0 })
        {
            return null;
        }

        var version = ExternalProcess.TryRun(Python, ["-c", "import PIL; print(PIL.__version__)"])?.StandardOutput.Trim() ?? "unknown version";
        return new PilCodec(name, format, version, qualities);
    }

    public IReadOnlyList<ClassicCoding> Code(RgbImage image, string workDirectory)
    {
        var source = Path.Combine(workDirectory, "source.ppm");
        var script = Path.Combine(workDirectory, "pil_codec.py");
        File.WriteAllBytes(source, PnmWriter.ToBytes(image));
        File.WriteAllText(script, ReadScript());
        var outcome = ExternalProcess.Run(Python, [script, _format, source, workDirectory, .. Qualities.Select(q => q.ToString(CultureInfo.InvariantCulture))]);
        var sizes = outcome.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' '))
            .ToDictionary(parts => int.Parse(parts[0], CultureInfo.InvariantCulture), parts => long.Parse(parts[1], CultureInfo.InvariantCulture));
        return Qualities
            .Select(q => new ClassicCoding(q, sizes[q], ImageFile.Read(Path.Combine(workDirectory, $"q{q}.ppm"))))
            .ToList();
    }

    private static string ReadScript()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ScriptResource)
            ?? throw new InvalidOperationException($"resource {ScriptResource} is missing from the CLI assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
