namespace EdgeCascade.Codec.Bitstreams;

/// <summary>
/// Serialises an <see cref="EcbContainer"/>. Layout (integers are LEB128 varints unless noted):
/// <c>"ECB1"</c>, version (byte), family id (byte length + UTF-8), level, image height, image width,
/// pad bottom, pad right, hyper shape (channels, height, width), hyper stream (length + bytes),
/// main stream (length + bytes), CRC-32 of all preceding bytes (uint32 little-endian).
/// </summary>
public static class EcbWriter
{
    /// <summary>The complete file contents.</summary>
    public static byte[] ToBytes(EcbContainer container)
    {
        ArgumentNullException.ThrowIfNull(container);
        FieldLimits.CheckHeader(
            container.FamilyId, container.Level, container.ImageHeight, container.ImageWidth, container.PadBottom, container.PadRight);
        FieldLimits.CheckShape(container.HyperShape, nameof(container.HyperShape));

        var writer = new PayloadWriter(64 + container.HyperStream.Length + container.MainStream.Length);
        writer.WriteBytes(EcbContainer.Magic);
        writer.WriteByte(EcbContainer.FormatVersion);
        writer.WriteShortString(container.FamilyId, nameof(container.FamilyId));
        writer.WriteVarUInt((uint)container.Level);
        writer.WriteVarUInt((uint)container.ImageHeight);
        writer.WriteVarUInt((uint)container.ImageWidth);
        writer.WriteVarUInt((uint)container.PadBottom);
        writer.WriteVarUInt((uint)container.PadRight);
        FieldLimits.WriteShape(writer, container.HyperShape);
        writer.WriteBlock(container.HyperStream.Span);
        writer.WriteBlock(container.MainStream.Span);
        return writer.FinishWithCrc();
    }

    /// <summary>Writes the file contents to <paramref name="destination"/>.</summary>
    public static void Write(EcbContainer container, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        destination.Write(ToBytes(container));
    }
}
