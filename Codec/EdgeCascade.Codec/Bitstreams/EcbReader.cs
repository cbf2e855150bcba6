namespace EdgeCascade.Codec.Bitstreams;

/// <summary>Parses and verifies <c>.ecb</c> files written by <see cref="EcbWriter"/>.</summary>
public static class EcbReader
{
    private const string Format = ".ecb";

    /// <summary>
    /// Parses <paramref name="data"/>. When <paramref name="expectedFamily"/> is given, a file from another
    /// model family is rejected.
    /// </summary>
    /// <exception cref="BitstreamException">
    /// The data is not an .ecb file, is truncated or corrupt, has a newer format version, or is from the wrong family.
    /// </exception>
    public static EcbContainer Read(ReadOnlySpan<byte> data, string? expectedFamily = null) =>
        Envelope.Read(data, EcbContainer.Magic, EcbContainer.FormatVersion, Format, expectedFamily, Parse, c => c.FamilyId);

    /// <summary>Reads and parses a whole file.</summary>
    public static EcbContainer ReadFile(string path, string? expectedFamily = null) =>
        Read(File.ReadAllBytes(path), expectedFamily);

    private static EcbContainer Parse(ref PayloadReader reader)
    {
        reader.ReadBytes(Envelope.HeaderSize, "header");
        string family = reader.ReadShortString("family id");
        int level = reader.ReadVarInt("level", 1, FieldLimits.MaxLevel);
        int height = reader.ReadVarInt("image height", 1, FieldLimits.MaxImageSide);
        int width = reader.ReadVarInt("image width", 1, FieldLimits.MaxImageSide);
        int padBottom = reader.ReadVarInt("pad bottom", 0, FieldLimits.MaxPadding);
        int padRight = reader.ReadVarInt("pad right", 0, FieldLimits.MaxPadding);
        LatentShape hyperShape = FieldLimits.ReadShape(ref reader, "hyper shape");
        byte[] hyperStream = reader.ReadBlock("hyper stream").ToArray();
        byte[] mainStream = reader.ReadBlock("main stream").ToArray();
        return new EcbContainer(family, level, height, width, padBottom, padRight, hyperShape, hyperStream, mainStream);
    }
}
