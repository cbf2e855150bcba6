using System.Text.Json.Nodes;
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
    public JsonObject ToJson()
    {
        var document = new JsonObject
        {
            ["family"] = Family,
            ["image_folder"] = ImageFolder,
            ["threads"] = Threads,
            ["levels"] = new JsonArray([.. Levels.Select(l => (JsonNode)new JsonObject
            {
                ["level"] = l.Level,
                ["bpp"] = l.BitsPerPixel,
                ["psnr"] = Finite(l.Psnr),
                ["ms_ssim_db"] = Finite(l.MsSsimDb),
                ["encode_seconds"] = l.EncodeSeconds,
                ["decode_seconds"] = l.DecodeSeconds,
            })]),
            ["images"] = new JsonArray([.. Images.Select((image, index) => (JsonNode)new JsonObject
            {
                ["name"] = image.Name,
                ["width"] = image.Image.Width,
                ["height"] = image.Image.Height,
                ["levels"] = new JsonArray([.. PerImage.Where(r => r.ImageIndex == index).Select(r => (JsonNode)new JsonObject
                {
                    ["level"] = r.Level,
                    ["bytes"] = r.Bytes,
                    ["bpp"] = r.BitsPerPixel,
                    ["psnr"] = Finite(r.Psnr),
                    ["ms_ssim_db"] = Finite(r.MsSsimDb),
                    ["encode_seconds"] = r.EncodeSeconds,
                    ["decode_seconds"] = r.DecodeSeconds,
                })]),
            })]),
        };
        if (Anchors.Count > 0)
        {
            var anchors = new JsonObject();
            foreach (var anchor in Anchors)
            {
                anchors[anchor.Codec] = new JsonObject
                {
                    ["tool"] = anchor.Tool,
                    ["points"] = new JsonArray([.. anchor.Points.Select(p => (JsonNode)new JsonObject
                    {
                        ["quality"] = p.Quality,
                        ["bpp"] = p.BitsPerPixel,
                        ["psnr"] = Finite(p.Psnr),
                        ["ms_ssim_db"] = Finite(p.MsSsimDb),
                    })]),
                    ["bd_rate_psnr_percent_cubic"] = anchor.BdRatePsnrPercentCubic,
                    ["bd_rate_psnr_percent_pchip"] = anchor.BdRatePsnrPercentPchip,
                    ["note"] = anchor.Note,
                };
            }

            document["anchors"] = anchors;
        }

        return document;
    }

    // JSON has no infinity: a lossless result (identical pixels) is reported as null rather than breaking the document.
    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
