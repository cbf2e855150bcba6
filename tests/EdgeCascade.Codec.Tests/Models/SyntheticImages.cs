using EdgeCascade.Codec.Imaging;

namespace EdgeCascade.Codec.Tests.Models;

/// <summary>Small deterministic test images: a horizontal gradient with seeded noise (compressible, never flat).</summary>
internal static class SyntheticImages
{
    public static RgbImage Gradient(int width, int height, int seed)
    {
        var random = new Random(seed);
        var image = new RgbImage(width, height);
        Span<byte> pixels = image.Pixels;
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(((i % (3 * width)) * 200 / (3 * width)) + random.Next(40));
        }

        return image;
    }
}
