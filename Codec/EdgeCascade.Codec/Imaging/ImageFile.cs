namespace EdgeCascade.Codec.Imaging;

/// <summary>Reads PNG/PPM/PGM by content and writes by file extension (.png, .ppm, .pgm).</summary>
public static class ImageFile
{
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
            return Decode(File.ReadAllBytes(path));
        }
        catch (ImageFormatException e)
        {
            throw new ImageFormatException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Writes <paramref name="image"/> in the format named by the extension of <paramref name="path"/>.</summary>
    public static void Write(string path, RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(path);
        string extension = Path.GetExtension(path).ToUpperInvariant();
        byte[] bytes = extension switch
        {
            ".PNG" => PngWriter.ToBytes(image),
            ".PPM" => PnmWriter.ToBytes(image),
            ".PGM" => PnmWriter.ToBytes(image, grayscale: true),
            _ => throw new ArgumentException($"cannot write '{path}': use a .png, .ppm or .pgm extension", nameof(path)),
        };
        File.WriteAllBytes(path, bytes);
    }
}
