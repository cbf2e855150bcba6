using EdgeCascade.Codec.Imaging;

namespace EdgeCascade.Codec.Metrics;

/// <summary>
/// Peak signal-to-noise ratio of 8-bit RGB images as CompressAI's eval computes it:
/// <c>20 log10(255) - 10 log10(MSE)</c>, MSE over all three channels.
/// </summary>
public static class Psnr
{
    /// <summary>PSNR in dB; positive infinity for identical images.</summary>
    public static double Compute(RgbImage reference, RgbImage distorted)
    {
        double mse = MeanSquaredError(reference, distorted);
        return mse == 0 ? double.PositiveInfinity : (20 * Math.Log10(255)) - (10 * Math.Log10(mse));
    }

    /// <summary>Mean squared difference of all samples, in 8-bit units squared.</summary>
    public static double MeanSquaredError(RgbImage reference, RgbImage distorted)
    {
        MetricGuards.CheckSameSize(reference, distorted);
        ReadOnlySpan<byte> a = reference.Pixels;
        ReadOnlySpan<byte> b = distorted.Pixels;
        long sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            int d = a[i] - b[i];
            sum += d * d;
        }

        return (double)sum / a.Length;
    }
}
