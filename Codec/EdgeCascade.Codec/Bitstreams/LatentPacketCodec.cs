namespace EdgeCascade.Codec.Bitstreams;

/// <summary>
/// Wire form of a <see cref="LatentPacket"/>. Layout (varints unless noted): <c>"ECL1"</c>, version (byte),
/// family id (byte length + UTF-8), level, latent shape (c, h, w), hyper shape (c, h, w), image height,
/// image width, pad bottom, pad right, hyper stream (length + bytes), main stream (length + bytes),
/// CRC-32 of all preceding bytes (uint32 little-endian).
/// </summary>
public static class LatentPacketCodec
{
    private const string Format = "latent packet";

    /// <summary>Serialises <paramref name="packet"/>.</summary>
    public static byte[] Encode(LatentPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        FieldLimits.CheckHeader(
            packet.FamilyId, packet.Level, packet.ImageHeight, packet.ImageWidth, packet.PadBottom, packet.PadRight);
        FieldLimits.CheckShape(packet.LatentShape, nameof(packet.LatentShape));
        FieldLimits.CheckShape(packet.HyperShape, nameof(packet.HyperShape));

        var writer = new PayloadWriter(80 + packet.HyperStream.Length + packet.MainStream.Length);
        writer.WriteBytes(LatentPacket.Magic);
        writer.WriteByte(LatentPacket.FormatVersion);
        writer.WriteShortString(packet.FamilyId, nameof(packet.FamilyId));
        writer.WriteVarUInt((uint)packet.Level);
        FieldLimits.WriteShape(writer, packet.LatentShape);
        FieldLimits.WriteShape(writer, packet.HyperShape);
        writer.WriteVarUInt((uint)packet.ImageHeight);
        writer.WriteVarUInt((uint)packet.ImageWidth);
        writer.WriteVarUInt((uint)packet.PadBottom);
        writer.WriteVarUInt((uint)packet.PadRight);
        writer.WriteBlock(packet.HyperStream.Span);
        writer.WriteBlock(packet.MainStream.Span);
        return writer.FinishWithCrc();
    }

    /// <summary>
    /// Parses and verifies a packet; with <paramref name="expectedFamily"/>, packets of other families are rejected.
    /// </summary>
    /// <exception cref="BitstreamException">Truncated, corrupt, newer-version or wrong-family input.</exception>
    public static LatentPacket Decode(ReadOnlySpan<byte> data, string? expectedFamily = null) =>
        BitstreamFrame.Read(data, LatentPacket.Magic, LatentPacket.FormatVersion, Format, expectedFamily, Parse, p => p.FamilyId);

    private static LatentPacket Parse(ref PayloadReader reader)
    {
        reader.ReadBytes(BitstreamFrame.HeaderSize, "header");
        string family = reader.ReadShortString("family id");
        int level = reader.ReadVarInt("level", 1, FieldLimits.MaxLevel);
        LatentShape latentShape = FieldLimits.ReadShape(ref reader, "latent shape");
        LatentShape hyperShape = FieldLimits.ReadShape(ref reader, "hyper shape");
        int height = reader.ReadVarInt("image height", 1, FieldLimits.MaxImageSide);
        int width = reader.ReadVarInt("image width", 1, FieldLimits.MaxImageSide);
        int padBottom = reader.ReadVarInt("pad bottom", 0, FieldLimits.MaxPadding);
        int padRight = reader.ReadVarInt("pad right", 0, FieldLimits.MaxPadding);
        byte[] hyperStream = reader.ReadBlock("hyper stream").ToArray();
        byte[] mainStream = reader.ReadBlock("main stream").ToArray();
        return new LatentPacket(
            family, level, latentShape, hyperShape, hyperStream, mainStream, height, width, padBottom, padRight);
    }
}
