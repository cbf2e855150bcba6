using EdgeCascade.Codec.Imaging;

namespace EdgeCascade.Codec.Metrics;

/// <summary>
/// Multi-scale SSIM (Wang et al. 2003) with the settings of <c>pytorch_msssim.ms_ssim</c> that CompressAI's
/// eval uses on 8-bit images (data range 255): 5 scales with weights 0.0448, 0.2856, 0.3001, 0.2363, 0.1333,
/// an 11-tap Gaussian window (σ = 1.5) applied separably without padding ("valid"), K1 = 0.01, K2 = 0.03,
/// 2x2 average pooling between scales (an odd side is zero-padded by one on both ends, padding counted in
/// the average), negative contrast-structure terms clamped to 0, and the result averaged over RGB.
/// Computed in double; pytorch_msssim runs in float32, so values agree to about 1e-6.
/// </summary>
public static class MsSsim
{
    private const int WindowSize = 11;
    private const double Sigma = 1.5;
    private const double DataRange = 255;
    private const double C1 = 0.01 * DataRange * 0.01 * DataRange;
    private const double C2 = 0.03 * DataRange * 0.03 * DataRange;

    private static readonly double[] s_weights = [0.0448, 0.2856, 0.3001, 0.2363, 0.1333];
    private static readonly double[] s_window = GaussianWindow();

    /// <summary>Smallest image side accepted: pytorch_msssim requires more than (11 - 1) * 2^4 = 160.</summary>
    public const int MinSide = ((WindowSize - 1) * 16) + 1;

    /// <summary>MS-SSIM in [0, 1]; 1 for identical images.</summary>
    /// <exception cref="ArgumentException">Sizes differ or the smaller side is below <see cref="MinSide"/>.</exception>
    public static double Compute(RgbImage reference, RgbImage distorted)
    {
        MetricGuards.CheckSameSize(reference, distorted);
        if (Math.Min(reference.Width, reference.Height) < MinSide)
        {
            throw new ArgumentException(
                $"MS-SSIM needs both sides >= {MinSide} pixels (5 scales of an 11-tap window), got {reference.Width}x{reference.Height}",
                nameof(reference));
        }

        double sum = 0;
        for (int c = 0; c < 3; c++)
        {
            sum += ComputeChannel(Plane(reference, c), Plane(distorted, c), reference.Width, reference.Height);
        }

        return sum / 3;
    }

    /// <summary>MS-SSIM in dB: <c>-10 log10(1 - msssim)</c>; positive infinity when it is 1.</summary>
    public static double ToDecibels(double msSsim) => msSsim >= 1 ? double.PositiveInfinity : -10 * Math.Log10(1 - msSsim);

    private static double ComputeChannel(double[] x, double[] y, int width, int height)
    {
        double product = 1;
        for (int level = 0; level < s_weights.Length; level++)
        {
            (double ssim, double contrastStructure) = Ssim(x, y, width, height);
            if (level < s_weights.Length - 1)
            {
                product *= Math.Pow(Math.Max(contrastStructure, 0), s_weights[level]);
                x = Pool(x, width, height, out int pooledWidth, out int pooledHeight);
                y = Pool(y, width, height, out _, out _);
                width = pooledWidth;
                height = pooledHeight;
            }
            else
            {
                product *= Math.Pow(Math.Max(ssim, 0), s_weights[level]);
            }
        }

        return product;
    }

    private static (double Ssim, double ContrastStructure) Ssim(double[] x, double[] y, int width, int height)
    {
        int count = width * height;
        var xx = new double[count];
        var yy = new double[count];
        var xy = new double[count];
        for (int i = 0; i < count; i++)
        {
            xx[i] = x[i] * x[i];
            yy[i] = y[i] * y[i];
            xy[i] = x[i] * y[i];
        }

        double[] muX = Blur(x, width, height);
        double[] muY = Blur(y, width, height);
        double[] sXX = Blur(xx, width, height);
        double[] sYY = Blur(yy, width, height);
        double[] sXY = Blur(xy, width, height);

        double ssimSum = 0;
        double csSum = 0;
        for (int i = 0; i < muX.Length; i++)
        {
            double mx = muX[i];
            double my = muY[i];
            double varianceX = sXX[i] - (mx * mx);
            double varianceY = sYY[i] - (my * my);
            double covariance = sXY[i] - (mx * my);
            double cs = ((2 * covariance) + C2) / (varianceX + varianceY + C2);
            csSum += cs;
            ssimSum += (((2 * mx * my) + C1) / ((mx * mx) + (my * my) + C1)) * cs;
        }

        return (ssimSum / muX.Length, csSum / muX.Length);
    }

    // Valid separable Gaussian filter: rows of the output shrink by 10 in both directions (height pass first).
    private static double[] Blur(double[] source, int width, int height)
    {
        int outHeight = height - WindowSize + 1;
        int outWidth = width - WindowSize + 1;
        double[] window = s_window;
        var vertical = new double[outHeight * width];
        for (int r = 0; r < outHeight; r++)
        {
            Span<double> target = vertical.AsSpan(r * width, width);
            for (int k = 0; k < WindowSize; k++)
            {
                double weight = window[k];
                ReadOnlySpan<double> row = source.AsSpan((r + k) * width, width);
                for (int c = 0; c < width; c++)
                {
                    target[c] += weight * row[c];
                }
            }
        }

        var output = new double[outHeight * outWidth];
        for (int r = 0; r < outHeight; r++)
        {
            ReadOnlySpan<double> row = vertical.AsSpan(r * width, width);
            for (int c = 0; c < outWidth; c++)
            {
                double sum = 0;
                for (int k = 0; k < WindowSize; k++)
                {
                    sum += window[k] * row[c + k];
                }

                output[(r * outWidth) + c] = sum;
            }
        }

        return output;
    }

    // avg_pool2d(kernel 2, stride 2, padding = side % 2, count_include_pad): an odd side gets one zero on
    // each end, so output cell i covers input [2i - p, 2i - p + 1] and always divides by 4.
    private static double[] Pool(double[] source, int width, int height, out int outWidth, out int outHeight)
    {
        int padX = width % 2;
        int padY = height % 2;
        outWidth = ((width + (2 * padX) - 2) / 2) + 1;
        outHeight = ((height + (2 * padY) - 2) / 2) + 1;
        var output = new double[outWidth * outHeight];
        for (int r = 0; r < outHeight; r++)
        {
            for (int c = 0; c < outWidth; c++)
            {
                double sum = 0;
                for (int dy = 0; dy < 2; dy++)
                {
                    int y = (2 * r) - padY + dy;
                    if ((uint)y >= (uint)height)
                    {
                        continue;
                    }

                    for (int dx = 0; dx < 2; dx++)
                    {
                        int x = (2 * c) - padX + dx;
                        if ((uint)x < (uint)width)
                        {
                            sum += source[(y * width) + x];
                        }
                    }
                }

                output[(r * outWidth) + c] = sum / 4;
            }
        }

        return output;
    }

    private static double[] Plane(RgbImage image, int channel)
    {
        ReadOnlySpan<byte> pixels = image.Pixels;
        var plane = new double[image.Width * image.Height];
        for (int i = 0; i < plane.Length; i++)
        {
            plane[i] = pixels[(3 * i) + channel];
        }

        return plane;
    }

    private static double[] GaussianWindow()
    {
        var window = new double[WindowSize];
        double sum = 0;
        for (int i = 0; i < WindowSize; i++)
        {
            double d = i - (WindowSize / 2);
            window[i] = Math.Exp(-(d * d) / (2 * Sigma * Sigma));
            sum += window[i];
        }

        for (int i = 0; i < WindowSize; i++)
        {
            window[i] /= sum;
        }

        return window;
    }
}
