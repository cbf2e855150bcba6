using EdgeCascade.Codec.Imaging;

namespace EdgeCascade.Codec.Tests.Metrics;

/// <summary>
/// A deterministic image pair (pattern and pattern plus LCG noise in [-20, 20], clamped) built with integer
/// arithmetic only, so the Python reference computes exactly the same pixels.
/// </summary>
internal static class MetricImages
{
    public static (RgbImage Reference, RgbImage Distorted) Pair(int width, int height)
    {
        var a = new byte[3 * width * height];
        var b = new byte[a.Length];
        long state = 12345;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    int v = ((x * 7) + (y * 13) + (c * 50) + ((x * y % 17) * 3)) % 256;
                    state = ((state * 1103515245) + 12345) % (1L << 31);
                    int noise = (int)((state >> 16) % 41) - 20;
                    int i = (3 * ((y * width) + x)) + c;
                    a[i] = (byte)v;
                    b[i] = (byte)Math.Clamp(v + noise, 0, 255);
                }
            }
        }

        return (new RgbImage(width, height, a), new RgbImage(width, height, b));
    }
}
