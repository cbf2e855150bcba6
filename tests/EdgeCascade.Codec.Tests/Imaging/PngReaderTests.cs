using EdgeCascade.Codec.Imaging;

namespace EdgeCascade.Codec.Tests.Imaging;

public sealed class PngReaderTests
{
    [Theory]
    [InlineData("palette8", 13, 11)]
    [InlineData("palette4", 13, 11)]
    [InlineData("gray1", 13, 11)]
    [InlineData("gray16", 13, 11)]
    [InlineData("grayalpha", 13, 11)]
    [InlineData("rgba", 13, 11)]
    [InlineData("rgb8filters", 13, 11)]
    [InlineData("rgb16filters", 13, 11)]
    [InlineData("adam7", 13, 11)]
    [InlineData("adam7tiny", 3, 2)]
    public void Read_ReferenceFile_MatchesExpectedPixels(string name, int width, int height)
    {
        // Files from TestData/make_test_pngs.py (PIL and a hand-rolled encoder using all five filters).
        RgbImage image = PngReader.Read(PngTestFiles.Load(name + ".png"));
        Assert.Equal(width, image.Width);
        Assert.Equal(height, image.Height);
        Assert.Equal(PngTestFiles.Load(name + ".rgb"), image.Pixels.ToArray());
    }

    [Fact]
    public void Read_HandBuilt16BitGray_ScalesWithRounding()
    {
        // One row, filter 0, samples 0x0000, 0x0081 (255 * 129 / 65535 = 0.502), 0x8000, 0xFFFF.
        byte[] png = PngTestFiles.Build(4, 1, 16, 0, [0, 0x00, 0x00, 0x00, 0x81, 0x80, 0x00, 0xFF, 0xFF]);
        RgbImage image = PngReader.Read(png);
        Assert.Equal(new byte[] { 0, 0, 0, 1, 1, 1, 128, 128, 128, 255, 255, 255 }, image.Pixels.ToArray());
    }

    [Fact]
    public void Read_HandBuiltGrayAlphaWithUpFilter_DropsAlpha()
    {
        // Two rows of 2 pixels (gray, alpha); row 2 uses the Up filter (+previous).
        byte[] png = PngTestFiles.Build(2, 2, 8, 4, [0, 10, 255, 20, 0, 2, 5, 1, 5, 1]);
        RgbImage image = PngReader.Read(png);
        Assert.Equal(new byte[] { 10, 10, 10, 20, 20, 20, 15, 15, 15, 25, 25, 25 }, image.Pixels.ToArray());
    }

    [Fact]
    public void Read_HandBuilt2BitPalette_LooksUpEntries()
    {
        // Indexes 0,1,2,3 packed into one byte: 0b00_01_10_11.
        byte[] palette = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
        byte[] png = PngTestFiles.Build(4, 1, 2, 3, [0, 0b00_01_10_11], palette);
        Assert.Equal(palette, PngReader.Read(png).Pixels.ToArray());
    }

    [Fact]
    public void Read_PaletteIndexBeyondPalette_ThrowsImageFormatException()
    {
        byte[] png = PngTestFiles.Build(1, 1, 8, 3, [0, 5], [1, 2, 3]);
        ImageFormatException e = Assert.Throws<ImageFormatException>(() => PngReader.Read(png));
        Assert.Contains("palette index 5", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownFilterType_ThrowsImageFormatException()
    {
        byte[] png = PngTestFiles.Build(1, 1, 8, 0, [7, 5]);
        ImageFormatException e = Assert.Throws<ImageFormatException>(() => PngReader.Read(png));
        Assert.Contains("filter type 7", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TooLittleImageData_ThrowsImageFormatException()
    {
        byte[] png = PngTestFiles.Build(4, 4, 8, 2, [0, 1, 2, 3]);
        ImageFormatException e = Assert.Throws<ImageFormatException>(() => PngReader.Read(png));
        Assert.StartsWith("truncated PNG", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HugeHeaderWithTinyData_ThrowsBeforeAllocating()
    {
        byte[] png = PngTestFiles.Build(30000, 4000, 8, 2, [0, 1, 2, 3]);
        ImageFormatException e = Assert.Throws<ImageFormatException>(() => PngReader.Read(png));
        Assert.Contains("cannot hold a 30000x4000 image", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_InvalidDepthForColorType_ThrowsImageFormatException()
    {
        byte[] png = PngTestFiles.Build(1, 1, 4, 2, [0, 0]);
        Assert.Throws<ImageFormatException>(() => PngReader.Read(png));
    }

    [Fact]
    public void Read_NotPng_ThrowsImageFormatException()
    {
        ImageFormatException e = Assert.Throws<ImageFormatException>(() => PngReader.Read("P6\n1 1\n255\nabc"u8));
        Assert.StartsWith("not a PNG", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ChunkCrcDamaged_ThrowsCrcMismatch()
    {
        byte[] png = PngTestFiles.Load("rgba.png");
        png[20] ^= 1;
        ImageFormatException e = Assert.Throws<ImageFormatException>(() => PngReader.Read(png));
        Assert.Contains("CRC mismatch in chunk 'IHDR'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EveryTruncation_ThrowsImageFormatException()
    {
        byte[] png = PngTestFiles.Load("adam7.png");
        for (int length = 0; length < png.Length; length++)
        {
            Assert.Throws<ImageFormatException>(() => PngReader.Read(png.AsSpan(0, length)));
        }
    }

    [Fact]
    public void Read_FuzzedFiles_ThrowOnlyImageFormatException()
    {
        var random = new Random(31);
        string[] names = ["adam7.png", "palette4.png", "gray16.png", "rgb16filters.png", "grayalpha.png"];
        byte[][] files = names.Select(PngTestFiles.Load).ToArray();
        for (int trial = 0; trial < 20_000; trial++)
        {
            byte[] input = (byte[])files[trial % files.Length].Clone();
            for (int flips = random.Next(1, 4); flips > 0; flips--)
            {
                input[random.Next(8, input.Length)] = (byte)random.Next(256);
            }

            if (random.Next(4) == 0)
            {
                input = input.AsSpan(0, random.Next(input.Length)).ToArray();
            }

            PngTestFiles.FixChunkCrcs(input);
            try
            {
                PngReader.Read(input);
            }
            catch (ImageFormatException)
            {
            }
        }
    }
}
