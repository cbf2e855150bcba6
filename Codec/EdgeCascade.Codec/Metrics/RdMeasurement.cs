using EdgeCascade.Codec.Cascade;
using EdgeCascade.Codec.Imaging;
using EdgeCascade.Codec.Metrics;
using PsnrMetric = EdgeCascade.Codec.Metrics.Psnr;

namespace EdgeCascade.Codec.Metrics;

/// <summary>Rate and quality of one run, or the mean over an image set.</summary>
/// <param name="BitsPerPixel">Bits per pixel of the stream the destination receives.</param>
/// <param name="Psnr">PSNR in dB on 8-bit images.</param>
/// <param name="MsSsimDb">MS-SSIM as −10·log10(1 − MS-SSIM).</param>
public readonly record struct RdMeasurement(double BitsPerPixel, double Psnr, double MsSsimDb)
{
    public static RdMeasurement Of(RgbImage original, CascadeRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new RdMeasurement(run.FinalBitsPerPixel, PsnrMetric.Compute(original, run.Reconstruction), MsSsimDbOrNaN(original, run.Reconstruction));
    }

    public static RdMeasurement Mean(IReadOnlyCollection<RdMeasurement> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new RdMeasurement(items.Average(i => i.BitsPerPixel), items.Average(i => i.Psnr), items.Average(i => i.MsSsimDb));
    }

    // MS-SSIM needs at least 161 pixels per side (five scales of an 11-tap window).
    private static double MsSsimDbOrNaN(RgbImage original, RgbImage reconstruction) =>
        Math.Min(original.Width, original.Height) >= MsSsim.MinSide
            ? MsSsim.ToDecibels(MsSsim.Compute(original, reconstruction))
            : double.NaN;
}
