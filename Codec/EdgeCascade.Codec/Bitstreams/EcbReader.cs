using EdgeCascade.Codec.Files;

namespace EdgeCascade.Codec.Bitstreams;

/// <summary>Parses and verifies <c>.ecb</c> files written by <see cref="EcbWriter"/>.</summary>
public static class EcbReader
{
    /// <summary>
    /// The largest .ecb file read (256 MiB): hundreds of times a camera frame's stream (a 1080p frame at the top level
    /// is a few MB at most), and a wrong path such as /dev/urandom fails at once instead of exhausting memory.
    /// </summary>
    public const long MaxFileBytes = 256L << 20;

    private const string Format = ".ecb";

    /// <summary>
    /// Parses <paramref name="data"/>. When <paramref name="expectedFamily"/> is given, a file from another
    /// model family is rejected.
    /// </summary>
    /// <exception cref="BitstreamException">
    /// The data is not an .ecb file, is truncated or corrupt, has a newer format version, or is from the wrong family.
    /// </exception>
    public static EcbContainer Read(ReadOnlySpan<byte> data, string? expectedFamily = null) =>
        BitstreamFrame.Read(data, EcbContainer.Magic, EcbContainer.FormatVersion, Format, expectedFamily, Parse, c => c.FamilyId);

    /// <summary>Reads (at most <see cref="MaxFileBytes"/>) and parses a whole file.</summary>
    /// <exception cref="SafeFileException">The file is missing, not a file, or over the limit.</exception>
    public static EcbContainer ReadFile(string path, string? expectedFamily = null) =>
        Read(ReadBytes(path), expectedFamily);

    /// <summary>The bytes of an .ecb file, bounded by <see cref="MaxFileBytes"/>.</summary>
    public static byte[] ReadBytes(string path) => SafeFile.ReadAllBytes(path, MaxFileBytes, "an .ecb bitstream");

    private static EcbContainer Parse(ref PayloadReader reader)
    {
        reader.ReadBytes(BitstreamFrame.HeaderSize, "header");
        string family = reader.ReadShortString("family id");
        int level = reader.ReadVarInt("level", 1, FieldLimits.MaxLevel);
        int height = reader.ReadVarInt("image height", 1, FieldLimits.MaxImageSide);
        int width = reader.ReadVarInt("image width", 1, FieldLimits.MaxImageSide);
        int padBottom = reader.ReadVarInt("pad bottom", 0, FieldLimits.MaxPadding);
        int padRight = reader.ReadVarInt("pad right", 0, FieldLimits.MaxPadding);
        LatentShape hyperShape = FieldLimits.ReadShape(ref reader, "hyper shape");

        // Checked here, not only at decode, so that inspect (which has no models) rejects what decode would:
        // every hyper-latent cell covers HyperLatentStride pixels of the padded image in each direction.
        const int Stride = Models.ModelArchitecture.HyperLatentStride;
        if ((long)height + padBottom != (long)hyperShape.Height * Stride || (long)width + padRight != (long)hyperShape.Width * Stride)
        {
            throw new BitstreamException(
                $"corrupt {Format}: image {width}x{height} padded by {padRight}x{padBottom} does not match the hyper-latent " +
                $"{hyperShape.Width}x{hyperShape.Height} (each cell covers {Stride}x{Stride} pixels); re-encode or re-send the file");
        }

        byte[] hyperStream = reader.ReadBlock("hyper stream").ToArray();
        byte[] mainStream = reader.ReadBlock("main stream").ToArray();
        return new EcbContainer(family, level, height, width, padBottom, padRight, hyperShape, hyperStream, mainStream);
    }
}
