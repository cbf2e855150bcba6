using System.Globalization;
using EdgeCascade.Codec.Imaging;

namespace EdgeCascade.Cli.Evaluation;

/// <summary>
/// A classic codec run through Debian's command-line tools: cjpeg/djpeg (libjpeg-turbo-progs) or cwebp/dwebp
/// (webp). Images go in and come back as binary PPM, so the metrics are computed here, by the same code as
/// for the learned family.
/// </summary>
internal sealed class ToolCodec : IClassicCodec
{
    private readonly string _encoder;
    private readonly string _decoder;
    private readonly string _extension;
    private readonly Func<int, string, string, string[]> _encodeArguments;
    private readonly Func<string, string, string[]> _decodeArguments;

    private ToolCodec(
        string name,
        string tool,
        IReadOnlyList<int> qualities,
        (string Path, string Extension, Func<int, string, string, string[]> Arguments) encoder,
        (string Path, Func<string, string, string[]> Arguments) decoder)
    {
        Name = name;
        Tool = tool;
        Qualities = qualities;
        _encoder = encoder.Path;
        _extension = encoder.Extension;
        _encodeArguments = encoder.Arguments;
        _decoder = decoder.Path;
        _decodeArguments = decoder.Arguments;
    }

    public string Name { get; }

    public string Tool { get; }

    public IReadOnlyList<int> Qualities { get; }

    /// <summary>
    /// cjpeg/djpeg when both are on PATH: 4:2:0 chroma (cjpeg's default for colour, PIL's subsampling=2) and
    /// <c>-baseline</c>, which clamps the quantisation tables to 8 bits as PIL does; without it cjpeg writes 16-bit
    /// tables below quality ~25, a JPEG that baseline decoders need not read and a different curve from the reference's.
    /// </summary>
    public static ToolCodec? Jpeg(IReadOnlyList<int> qualities)
    {
        if (ExternalProcess.FindOnPath("cjpeg") is not { } cjpeg || ExternalProcess.FindOnPath("djpeg") is not { } djpeg)
        {
            return null;
        }

        var version = ExternalProcess.TryRun(cjpeg, ["-version"])?.StandardError.Trim() ?? "unknown version";
        return new ToolCodec(
            "jpeg",
            $"cjpeg/djpeg ({version}), baseline 4:2:0",
            qualities,
            (cjpeg, ".jpg", (q, input, output) => ["-quality", q.ToString(CultureInfo.InvariantCulture), "-baseline", "-outfile", output, input]),
            (djpeg, (input, output) => ["-pnm", "-outfile", output, input]));
    }

    /// <summary>cwebp/dwebp when both are on PATH: lossy WebP at method 4, the same effort as PIL's default.</summary>
    public static ToolCodec? Webp(IReadOnlyList<int> qualities)
    {
        if (ExternalProcess.FindOnPath("cwebp") is not { } cwebp || ExternalProcess.FindOnPath("dwebp") is not { } dwebp)
        {
            return null;
        }

        var version = ExternalProcess.TryRun(cwebp, ["-version"])?.StandardOutput.Trim() ?? "unknown version";
        return new ToolCodec(
            "webp",
            $"cwebp/dwebp (libwebp {version}), -m 4",
            qualities,
            (cwebp, ".webp", (q, input, output) => ["-quiet", "-q", q.ToString(CultureInfo.InvariantCulture), "-m", "4", input, "-o", output]),
            (dwebp, (input, output) => ["-quiet", input, "-ppm", "-o", output]));
    }

    public IReadOnlyList<ClassicCoding> Code(RgbImage image, string workDirectory)
    {
        var source = Path.Combine(workDirectory, "source.ppm");
        File.WriteAllBytes(source, PnmWriter.ToBytes(image));
        var codings = new List<ClassicCoding>(Qualities.Count);
        foreach (var quality in Qualities)
        {
            var coded = Path.Combine(workDirectory, $"q{quality}{_extension}");
            var decoded = Path.Combine(workDirectory, $"q{quality}.ppm");
            ExternalProcess.Run(_encoder, _encodeArguments(quality, source, coded));
            ExternalProcess.Run(_decoder, _decodeArguments(coded, decoded));
            codings.Add(new ClassicCoding(quality, new FileInfo(coded).Length, ImageFile.Read(decoded)));
        }

        return codings;
    }
}
