using EdgeCascade.Codec.Files;

namespace EdgeCascade.Codec.Imaging;

/// <summary>Reads PNG/PPM/PGM by content and writes by file extension (.png, .ppm, .pgm).</summary>
public static class ImageFile
{
    /// <summary>
    /// The largest image file read (256 MiB): far above any camera frame (a 16-bit 8K PNG is about 200 MB), small
    /// enough that a wrong path such as /dev/zero fails at once instead of exhausting memory.
    /// </summary>
    public const long MaxFileBytes = 256L << 20;

    /// <summary>Decodes PNG or PPM/PGM data, detected from the first bytes.</summary>
    public static RgbImage Decode(ReadOnlySpan<byte> data)
    {
        if (PngReader.HasSignature(data))
        {
            return PngReader.Read(data);
        }

        if (PnmReader.HasSignature(data))
        {
            return PnmReader.Read(data);
        }

        throw new ImageFormatException("unrecognised image format: expected PNG or binary/text PPM/PGM (P2, P3, P5, P6)");
    }

    /// <summary>Reads an image file from disk.</summary>
    public static RgbImage Read(string path)
    {
        try
        {
            return Decode(SafeFile.ReadAllBytes(path, MaxFileBytes, "an image (PNG, PPM or PGM)"));
        }
        catch (ImageFormatException e)
        {
            throw new ImageFormatException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>
    /// Writes <paramref name="image"/> in the format named by the extension of <paramref name="path"/>, through a
    /// temporary file renamed over the target (<see cref="SafeFile.Write"/>), so a failed write keeps the old file.
    /// </summary>
    /// <exception cref="ImageFormatException">The extension is not .png, .ppm or .pgm.</exception>
    /// <exception cref="SafeFileException">The path cannot take a file, or the write failed.</exception>
    public static void Write(string path, RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        byte[] bytes = CheckWritable(path) switch
        {
            ".PNG" => PngWriter.ToBytes(image),
            ".PPM" => PnmWriter.ToBytes(image),
            _ => PnmWriter.ToBytes(image, grayscale: true),
        };
        SafeFile.WriteAllBytes(path, bytes);
    }

    /// <summary>
    /// Checks before any work that <paramref name="path"/> can take an image: a .png, .ppm or .pgm name that
    /// <see cref="SafeFile.CheckOutput"/> accepts. Returns the upper-case extension.
    /// </summary>
    /// <exception cref="ImageFormatException">The extension is missing or not one of those.</exception>
    /// <exception cref="SafeFileException">The path cannot take a file.</exception>
    public static string CheckWritable(string path)
    {
        SafeFile.CheckOutput(path);
        string extension = Path.GetExtension(path).ToUpperInvariant();
        if (extension is not (".PNG" or ".PPM" or ".PGM"))
        {
            string found = extension.Length == 0 ? "has no extension" : $"has the extension '{Path.GetExtension(path)}'";
            throw new ImageFormatException($"cannot write '{path}': it {found}; name the output .png, .ppm or .pgm");
        }

        return extension;
    }
}
