using System.Text.Json.Nodes;
using EdgeCascade.Codec.Metrics;
using EdgeCascade.Experiments.Metrics;

namespace EdgeCascade.Experiments.Runners;

/// <summary>Named R-D curves and the Bjøntegaard deltas between them.</summary>
internal static class RdCurves
{
    public static JsonArray ToJson(IReadOnlyList<(int Level, RdMeasurement Point)> curve) =>
        new([.. curve.Select(p => (JsonNode)new JsonObject
        {
            ["target_level"] = p.Level,  // for PCF: the number of layers kept
            ["bits_per_pixel"] = p.Point.BitsPerPixel,
            ["psnr_db"] = ExperimentContext.Number(p.Point.Psnr),
            ["ms_ssim_db"] = ExperimentContext.Number(p.Point.MsSsimDb),
        })]);

    /// <summary>BD-rate (PSNR and MS-SSIM) and BD-PSNR of <paramref name="test"/> against <paramref name="anchor"/>, cubic and PCHIP.</summary>
    public static JsonObject Delta(IReadOnlyList<(int Level, RdMeasurement Point)> anchor, IReadOnlyList<(int Level, RdMeasurement Point)> test)
    {
        var result = new JsonObject();
        foreach (var interpolation in new[] { BjontegaardInterpolation.Cubic, BjontegaardInterpolation.Pchip })
        {
            var name = interpolation.ToString().ToLowerInvariant();
            result[$"bd_rate_psnr_percent_{name}"] = Safe(() => Bjontegaard.BdRate(Psnr(anchor), Psnr(test), interpolation));
            result[$"bd_psnr_db_{name}"] = Safe(() => Bjontegaard.BdPsnr(Psnr(anchor), Psnr(test), interpolation));
            result[$"bd_rate_ms_ssim_percent_{name}"] = Safe(() => Bjontegaard.BdRate(MsSsim(anchor), MsSsim(test), interpolation));
        }

        return result;
    }

    public static string Format(JsonObject delta, string key) =>
        delta[key] is JsonValue value && value.TryGetValue<double>(out var number) ? ExperimentContext.Signed(number, 2) : "n/a";

    private static List<RdPoint> Psnr(IReadOnlyList<(int Level, RdMeasurement Point)> curve) =>
        [.. curve.Select(p => new RdPoint(p.Point.BitsPerPixel, p.Point.Psnr))];

    private static List<RdPoint> MsSsim(IReadOnlyList<(int Level, RdMeasurement Point)> curve) =>
        [.. curve.Select(p => new RdPoint(p.Point.BitsPerPixel, p.Point.MsSsimDb))];

    // BD needs four points and overlapping, monotone curves; an undertrained family can fail that, which
    // is reported as null rather than a crash.
    private static JsonNode? Safe(Func<double> compute)
    {
        try
        {
            return ExperimentContext.Number(compute());
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
