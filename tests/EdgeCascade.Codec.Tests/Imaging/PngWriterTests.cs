using EdgeCascade.Codec.Imaging;

namespace EdgeCascade.Codec.Tests.Imaging;

public sealed class PngWriterTests
{
    private static RgbImage RandomImage(int seed, int width, int height, bool gray = false)
    {
        var random = new Random(seed);
        var image = new RgbImage(width, height);
        Span<byte> pixels = image.Pixels;
        for (int i = 0; i < width * height; i++)
        {
            // Smooth ramps with noise so every filter type wins somewhere.
            int x = i % width;
            int y = i / width;
            for (int c = 0; c < 3; c++)
            {
                pixels[(3 * i) + c] = (byte)((x * (c + 1) * 3) + (y * 2) + random.Next(0, 6));
            }

            if (gray)
            {
                pixels[(3 * i) + 1] = pixels[3 * i];
                pixels[(3 * i) + 2] = pixels[3 * i];
            }
        }

        return image;
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 7)]
    [InlineData(64, 48)]
    [InlineData(333, 17)]
    public void ToBytes_RgbImage_RoundTripsThroughReader(int width, int height)
    {
        RgbImage image = RandomImage(width * height, width, height);
        RgbImage decoded = PngReader.Read(PngWriter.ToBytes(image));
        Assert.Equal(image.Pixels.ToArray(), decoded.Pixels.ToArray());
    }

    [Fact]
    public void ToBytes_GrayImageAsGrayscale_RoundTripsExactly()
    {
        RgbImage image = RandomImage(5, 40, 30, gray: true);
        byte[] png = PngWriter.ToBytes(image, grayscale: true);
        Assert.Equal(0, png[25]);
        Assert.Equal(image.Pixels.ToArray(), PngReader.Read(png).Pixels.ToArray());
    }

    [Fact]
    public void ToBytes_SmoothImage_CompressesBelowRawSize()
    {
        RgbImage image = RandomImage(6, 128, 128);
        Assert.True(PngWriter.ToBytes(image).Length < image.Pixels.Length / 2);
    }

    [Fact]
    public void Write_ToStream_EqualsToBytes()
    {
        RgbImage image = RandomImage(7, 9, 9);
        using var stream = new MemoryStream();
        PngWriter.Write(image, stream);
        Assert.Equal(PngWriter.ToBytes(image), stream.ToArray());
    }
}
