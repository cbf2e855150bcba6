using EdgeCascade.Codec.Imaging;

namespace EdgeCascade.Cli.Benchmarks;

/// <summary>The benchmark image: a fixed-size centre crop of the first evaluation photo (by file name) large enough for it.</summary>
internal static class BenchImage
{
    public const int Width = 768;
    public const int Height = 512;

    /// <exception cref="UserInputException">The folder is missing or has no image of at least 768x512.</exception>
    public static EvalImage Make(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new UserInputException($"image folder '{directory}' not found; pass --images DIR with a photo of at least {Width}x{Height}");
        }

        foreach (var file in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
        {
            RgbImage image;
            try
            {
                image = ImageFile.Read(file);
            }
            catch (ImageFormatException)
            {
                continue;
            }

            if (image.Width >= Width && image.Height >= Height)
            {
                var left = (image.Width - Width) / 2;
                var top = (image.Height - Height) / 2;
                var crop = new RgbImage(Width, Height);
                for (var y = 0; y < Height; y++)
                {
                    image.Pixels.Slice((((top + y) * image.Width) + left) * 3, Width * 3).CopyTo(crop.Pixels.Slice(y * Width * 3, Width * 3));
                }

                return new EvalImage($"{Path.GetFileName(file)} centre {Width}x{Height}", crop);
            }
        }

        throw new UserInputException($"no image of at least {Width}x{Height} in '{directory}'; pass --images DIR with such a photo");
    }
}
