using EdgeCascade.Codec.Imaging;

namespace EdgeCascade.Codec.Tests.Imaging;

public sealed class ImageFileTests
{
    [Theory]
    [InlineData("image.png")]
    [InlineData("image.ppm")]
    public void Write_ThenRead_RoundTripsByExtension(string name)
    {
        string directory = Directory.CreateTempSubdirectory("edgecascade-imaging-").FullName;
        try
        {
            var image = new RgbImage(6, 4);
            new Random(2).NextBytes(image.Pixels);
            string path = Path.Combine(directory, name);
            ImageFile.Write(path, image);
            Assert.Equal(image.Pixels.ToArray(), ImageFile.Read(path).Pixels.ToArray());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Decode_UnknownFormat_ThrowsImageFormatException()
    {
        Assert.Throws<ImageFormatException>(() => ImageFile.Decode("GIF89a"u8));
    }

    [Theory]
    [InlineData("out.jpg")]
    [InlineData("out")]
    public void Write_UnknownOrMissingExtension_ThrowsImageFormatExceptionNamingTheFix(string path)
    {
        var error = Assert.Throws<ImageFormatException>(() => ImageFile.Write(path, new RgbImage(1, 1)));

        Assert.Contains(".png, .ppm or .pgm", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Read_DevZero_ThrowsInsteadOfExhaustingMemory()
    {
        Assert.Throws<EdgeCascade.Codec.Files.SafeFileException>(() => ImageFile.Read("/dev/zero"));
    }
}
