using System.Text;
using EdgeCascade.Codec.Imaging;

namespace EdgeCascade.Codec.Tests.Imaging;

public sealed class PnmReaderTests
{
    [Fact]
    public void Read_WrittenP6_RoundTrips()
    {
        var image = new RgbImage(5, 3);
        new Random(1).NextBytes(image.Pixels);
        Assert.Equal(image.Pixels.ToArray(), PnmReader.Read(PnmWriter.ToBytes(image)).Pixels.ToArray());
    }

    [Fact]
    public void Read_WrittenP5_ReplicatesGray()
    {
        var image = new RgbImage(2, 1, [7, 7, 7, 200, 200, 200]);
        byte[] pgm = PnmWriter.ToBytes(image, grayscale: true);
        Assert.StartsWith("P5\n2 1\n255\n", Encoding.ASCII.GetString(pgm), StringComparison.Ordinal);
        Assert.Equal(image.Pixels.ToArray(), PnmReader.Read(pgm).Pixels.ToArray());
    }

    [Fact]
    public void Read_TextP3WithComments_ParsesSamples()
    {
        byte[] ppm = Encoding.ASCII.GetBytes("P3 # comment\n2 1 # size\n# maxval next\n255\n1 2 3\n 4 5 6\n");
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6 }, PnmReader.Read(ppm).Pixels.ToArray());
    }

    [Fact]
    public void Read_TextP2WithSmallMaxval_ScalesToEightBits()
    {
        byte[] pgm = Encoding.ASCII.GetBytes("P2 3 1 3 0 1 3");
        Assert.Equal(new byte[] { 0, 0, 0, 85, 85, 85, 255, 255, 255 }, PnmReader.Read(pgm).Pixels.ToArray());
    }

    [Fact]
    public void Read_Binary16BitP6_ScalesWithRounding()
    {
        byte[] header = Encoding.ASCII.GetBytes("P6 1 1 65535\n");
        byte[] ppm = [.. header, 0x00, 0x81, 0x80, 0x00, 0xFF, 0xFF];
        Assert.Equal(new byte[] { 1, 128, 255 }, PnmReader.Read(ppm).Pixels.ToArray());
    }

    [Fact]
    public void Read_HugeHeaderWithTinyRaster_ThrowsTruncated()
    {
        ImageFormatException e = Assert.Throws<ImageFormatException>(() => PnmReader.Read("P6 30000 4000 255\nabc"u8));
        Assert.StartsWith("truncated PPM/PGM", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SampleAboveMaxval_ThrowsImageFormatException()
    {
        Assert.Throws<ImageFormatException>(() => PnmReader.Read("P2 1 1 10 11"u8));
    }

    [Fact]
    public void Read_BitmapP4_ThrowsUnsupported()
    {
        ImageFormatException e = Assert.Throws<ImageFormatException>(() => PnmReader.Read("P4 1 1 \x80"u8));
        Assert.Contains("'P4'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EveryTruncation_ThrowsImageFormatException()
    {
        var image = new RgbImage(4, 4);
        byte[] ppm = PnmWriter.ToBytes(image);
        for (int length = 0; length < ppm.Length; length++)
        {
            Assert.Throws<ImageFormatException>(() => PnmReader.Read(ppm.AsSpan(0, length)));
        }
    }

    [Fact]
    public void Read_FuzzedHeaders_ThrowOnlyImageFormatException()
    {
        var random = new Random(8);
        byte[] valid = Encoding.ASCII.GetBytes("P3\n# c\n3 2\n255\n1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18\n");
        byte[] alphabet = Encoding.ASCII.GetBytes("P0123456789 #\n\t-x");
        for (int trial = 0; trial < 20_000; trial++)
        {
            byte[] input = (byte[])valid.Clone();
            for (int flips = random.Next(1, 4); flips > 0; flips--)
            {
                input[random.Next(input.Length)] = alphabet[random.Next(alphabet.Length)];
            }

            try
            {
                PnmReader.Read(input.AsSpan(0, random.Next(input.Length + 1)));
            }
            catch (ImageFormatException)
            {
            }
        }
    }
}
