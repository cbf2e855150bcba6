namespace EdgeCascade.Codec.Bitstreams;

/// <summary>
/// Ranges accepted for header fields. They keep a corrupt header from asking for absurd allocations
/// downstream while leaving ample room for real images.
/// </summary>
internal static class FieldLimits
{
    public const int MaxLevel = 255;

    public const int MaxImageSide = 1 << 16;

    public const int MaxPadding = 4096;

    public const int MaxChannels = 4096;

    public const int MaxLatentSide = 1 << 16;

    public static void CheckHeader(string familyId, int level, int imageHeight, int imageWidth, int padBottom, int padRight)
    {
        ArgumentNullException.ThrowIfNull(familyId);
        CheckRange(level, 1, MaxLevel, nameof(level));
        CheckRange(imageHeight, 1, MaxImageSide, nameof(imageHeight));
        CheckRange(imageWidth, 1, MaxImageSide, nameof(imageWidth));
        CheckRange(padBottom, 0, MaxPadding, nameof(padBottom));
        CheckRange(padRight, 0, MaxPadding, nameof(padRight));
    }

    public static void CheckShape(LatentShape shape, string name)
    {
        CheckRange(shape.Channels, 1, MaxChannels, name + ".Channels");
        CheckRange(shape.Height, 1, MaxLatentSide, name + ".Height");
        CheckRange(shape.Width, 1, MaxLatentSide, name + ".Width");
    }

    public static void WriteShape(PayloadWriter writer, LatentShape shape)
    {
        writer.WriteVarUInt((uint)shape.Channels);
        writer.WriteVarUInt((uint)shape.Height);
        writer.WriteVarUInt((uint)shape.Width);
    }

    public static LatentShape ReadShape(ref PayloadReader reader, string name) => new(
        reader.ReadVarInt(name + ".channels", 1, MaxChannels),
        reader.ReadVarInt(name + ".height", 1, MaxLatentSide),
        reader.ReadVarInt(name + ".width", 1, MaxLatentSide));

    private static void CheckRange(int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be in {min}..{max}");
        }
    }
}
