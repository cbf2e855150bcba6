using System.Diagnostics;
using EdgeCascade.Codec.Bitstreams;
using EdgeCascade.Codec.Cascade;
using EdgeCascade.Codec.Imaging;
using EdgeCascade.Codec.Metrics;
using EdgeCascade.Simulation.Workloads;

namespace EdgeCascade.Cli.Evaluation;

/// <summary>
/// Codes images with the C# codec into real .ecb bytes, decodes those bytes and measures rate, quality and time.
/// </summary>
internal static class FamilyEvaluator
{
    private const int WarmUpSide = 64;

    /// <summary>
    /// Runs level <paramref name="level"/> once, untimed: the first call at a level builds its entropy-coder tables,
    /// and the first calls in the process JIT-compile and tier up the kernels; both are set-up, not the cost of coding
    /// an image. <paramref name="wholeImage"/> warms the kernels on the real size (once per process is enough);
    /// otherwise a small crop builds the tables.
    /// </summary>
    public static void WarmUp(CascadeEngine engine, int level, RgbImage sample, bool wholeImage)
    {
        var image = wholeImage ? sample : EvalImageFolder.Crop(sample, WarmUpSide);
        var bytes = EcbWriter.ToBytes(engine.EncodeImage(image, level));
        engine.DecodeImage(EcbReader.Read(bytes, engine.FamilyId));
    }

    public static ImageLevelResult Measure(CascadeEngine engine, int imageIndex, EvalImage image, int level)
    {
        var stopwatch = Stopwatch.StartNew();
        var bytes = EcbWriter.ToBytes(engine.EncodeImage(image.Image, level));
        var encodeSeconds = stopwatch.Elapsed.TotalSeconds;

        stopwatch.Restart();
        var decoded = engine.DecodeImage(EcbReader.Read(bytes, engine.FamilyId));
        var decodeSeconds = stopwatch.Elapsed.TotalSeconds;

        var pixels = (double)image.Image.Width * image.Image.Height;
        return new ImageLevelResult(
            imageIndex,
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
