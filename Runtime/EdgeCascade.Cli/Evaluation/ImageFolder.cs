using EdgeCascade.Codec.Imaging;

namespace EdgeCascade.Cli.Evaluation;

/// <summary>
/// The images of an evaluation folder, recognised by content (PNG, PPM, PGM) and sorted by file name. Other files
/// are skipped and named rather than failing the run, so a README or a thumbnail cache beside the photos is harmless.
/// </summary>
internal static class ImageFolder
{
    private const int SignatureBytes = 8;

    /// <exception cref="UserInputException">The folder is missing, empty, or holds no readable image.</exception>
    public static ImageFolderScan Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new UserInputException($"image folder '{directory}' not found; pass --images DIR (a folder of PNG/PPM/PGM files)");
        }

        var files = Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new UserInputException($"image folder '{directory}' is empty; pass --images DIR (a folder of PNG/PPM/PGM files)");
        }

        var images = new List<EvalImage>();
        var skipped = new List<string>();
        foreach (var file in files)
        {
            if (TryRead(file) is { } image)
            {
                images.Add(new EvalImage(Path.GetFileNameWithoutExtension(file), image));
            }
            else
            {
                skipped.Add(Path.GetFileName(file));
            }
        }

        if (images.Count == 0)
        {
            throw new UserInputException($"no PNG/PPM/PGM image in '{directory}' (skipped: {string.Join(", ", skipped)})");
        }

        return new ImageFolderScan(images, skipped);
    }

    private static RgbImage? TryRead(string file)
    {
        // Only the first bytes decide whether a file is an image, so a large video or archive is never read whole.
        Span<byte> head = stackalloc byte[SignatureBytes];
        int read;
        using (var stream = File.OpenRead(file))
        {
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        if (!PngReader.HasSignature(head[..read]) && !PnmReader.HasSignature(head[..read]))
        {
            return null;
        }

        try
        {
            return ImageFile.Read(file);
        }
        catch (ImageFormatException)
        {
            return null;
        }
    }
}
