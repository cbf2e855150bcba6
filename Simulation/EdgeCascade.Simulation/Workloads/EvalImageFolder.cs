using EdgeCascade.Codec.Imaging;
using EdgeCascade.Simulation.Engine;

namespace EdgeCascade.Simulation.Workloads;

/// <summary>Loads an evaluation image folder in a fixed order (by file name), optionally centre-cropped.</summary>
public static class EvalImageFolder
{
    private static readonly string[] Extensions = [".png", ".ppm", ".pgm"];

    /// <exception cref="SimulationInputException">The folder is missing or holds no readable image.</exception>
    public static IReadOnlyList<EvalImage> Load(string directory, int? cropSide = null, int? limit = null)
    {
        if (!Directory.Exists(directory))
        {
            throw new SimulationInputException($"image folder '{directory}' not found; pass --images DIR (PNG/PPM files) or run from the repository root (data/eval)");
        }

        var files = Directory.EnumerateFiles(directory)
            .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal)
            .Take(limit ?? int.MaxValue)
            .ToList();
        if (files.Count == 0)
        {
            throw new SimulationInputException($"no PNG/PPM/PGM images in '{directory}'; pass --images DIR");
        }

        return files.Select(f => new EvalImage(Path.GetFileNameWithoutExtension(f), Crop(ImageFile.Read(f), cropSide))).ToList();
    }

    /// <summary>The centred square of side <paramref name="side"/> (or the whole image when it is smaller).</summary>
    public static RgbImage Crop(RgbImage image, int? side)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (side is not { } wanted || (image.Width <= wanted && image.Height <= wanted))
        {
            return image;
        }

        var width = Math.Min(wanted, image.Width);
        var height = Math.Min(wanted, image.Height);
        var left = (image.Width - width) / 2;
        var top = (image.Height - height) / 2;
        var cropped = new RgbImage(width, height);
        for (var y = 0; y < height; y++)
        {
            image.Pixels.Slice((((top + y) * image.Width) + left) * 3, width * 3).CopyTo(cropped.Pixels.Slice(y * width * 3, width * 3));
        }

        return cropped;
    }
}
