using System.Diagnostics;
using EdgeCascade.Codec.Bitstreams;
using EdgeCascade.Codec.Cascade;
using EdgeCascade.Codec.Imaging;
using EdgeCascade.Codec.Metrics;
using EdgeCascade.Simulation.Experiments;

namespace EdgeCascade.Cli.Evaluation;

/// <summary>
/// Codes images with the C# codec into real .ecb bytes, decodes those bytes and measures rate, quality and time.
/// </summary>
internal static class FamilyEvaluator
{
    private const int WarmUpSide = 64;

    /// <summary>
    /// Loads level <paramref name="level"/> and runs it once on a small crop, untimed: the first call builds the
    /// entropy-coder tables and JIT-compiles the kernels, which is set-up and not the cost of coding an image.
    /// </summary>
    public static void WarmUp(CascadeEngine engine, int level, RgbImage sample)
    {
        var crop = ImageSet.Crop(sample, WarmUpSide);
        var bytes = EcbWriter.ToBytes(engine.EncodeImage(crop, level));
        engine.DecodeImage(EcbReader.Read(bytes, engine.FamilyId));
    }

    public static ImageLevelResult Measure(CascadeEngine engine, EvalImage image, int level)
    {
        var stopwatch = Stopwatch.StartNew();
        var bytes = EcbWriter.ToBytes(engine.EncodeImage(image.Image, level));
        var encodeSeconds = stopwatch.Elapsed.TotalSeconds;

        stopwatch.Restart();
        var decoded = engine.DecodeImage(EcbReader.Read(bytes, engine.FamilyId));
        var decodeSeconds = stopwatch.Elapsed.TotalSeconds;

        var pixels = (double)image.Image.Width * image.Image.Height;
        return new ImageLevelResult(
            image.Name,
            level,
            bytes.Length,
            bytes.Length * 8 / pixels,
            Psnr.Compute(image.Image, decoded),
            MsSsimDb(image.Image, decoded),
            encodeSeconds,
            decodeSeconds);
    }

    /// <summary>MS-SSIM in dB, or null for images too small for its five scales.</summary>
    public static double? MsSsimDb(RgbImage reference, RgbImage decoded) =>
        Math.Min(reference.Width, reference.Height) < MsSsim.MinSide ? null : MsSsim.ToDecibels(MsSsim.Compute(reference, decoded));
}
