using System.Text.Json;
using EdgeCascade.Codec.Imaging;

namespace EdgeCascade.Cli.Evaluation;

/// <summary>
/// The result of <c>edgecascade eval</c> and its JSON form (snake_case; what <c>--json</c> prints and <c>--out</c> writes).
/// </summary>
internal sealed record EvalReport(
    string Family,
    string ImageFolder,
    IReadOnlyList<EvalImage> Images,
    IReadOnlyList<LevelSummary> Levels,
    IReadOnlyList<ImageLevelResult> PerImage,
    IReadOnlyList<AnchorResult> Anchors,
    int Threads)
{
    /// <summary>The report as one JSON object (snake_case keys, as documented in the README).</summary>
    public string ToJson() => JsonSerializer.Serialize(ToDocument(), CliJsonContext.Default.EvalDocument);

    private EvalDocument ToDocument() => new(
        Family,
        ImageFolder,
        Threads,
        [.. Levels.Select(l => new EvalLevelEntry(l.Level, l.BitsPerPixel, Finite(l.Psnr), Finite(l.MsSsimDb), l.EncodeSeconds, l.DecodeSeconds))],
        [.. Images.Select((image, index) => new EvalImageEntry(image.Name, image.Image.Width, image.Image.Height,
            [.. PerImage.Where(r => r.ImageIndex == index).Select(r =>
                new EvalImageLevelEntry(r.Level, r.Bytes, r.BitsPerPixel, Finite(r.Psnr), Finite(r.MsSsimDb), r.EncodeSeconds, r.DecodeSeconds))]))],
        Anchors.Count == 0 ? null : Anchors.ToDictionary(
            anchor => anchor.Codec,
            anchor => new EvalAnchorEntry(
                anchor.Tool,
                [.. anchor.Points.Select(p => new EvalAnchorPointEntry(p.Quality, p.BitsPerPixel, Finite(p.Psnr), Finite(p.MsSsimDb)))],
                anchor.BdRatePsnrPercentCubic,
                anchor.BdRatePsnrPercentPchip,
                anchor.Note),
            StringComparer.Ordinal));

    // JSON has no infinity: a lossless result (identical pixels) is reported as null rather than breaking the document.
    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
