using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace EdgeCascade.Runtime.Transport;

/// <summary>
/// The compact binary prefix a broker message body starts with, followed by the payload bytes.
/// </summary>
/// <remarks>
/// Layout, little-endian:
/// <code>
/// 0  u16  magic 0xEC5C          2  u8  version (1)    3  u8  reserved (0)
/// 4  u16  prefix length (bytes, including this header)
/// 6  16B  message id            22 i64 image id        30 i32 hop          34 i32 level
/// 38 u32  payload CRC-32        42 i64 created-at UTC ticks               50 i16 created-at offset minutes
/// 52 u16  flow id length, UTF-8 bytes      then u16 policy length, UTF-8 bytes
/// then the payload (all remaining bytes)
/// </code>
/// Binary rather than AMQP headers: decoding a header table allocates a dictionary per message, and the same
/// bytes can be carried by any transport.
/// </remarks>
internal static class EnvelopeSerializer
{
    private const ushort Magic = 0xEC5C;
    private const byte Version = 1;
    private const int FixedLength = 52;

    public static int PrefixLength(Envelope envelope) =>
        FixedLength + 2 + Encoding.UTF8.GetByteCount(envelope.FlowId) + 2 + Encoding.UTF8.GetByteCount(envelope.Policy);

    /// <summary>Prefix + payload in one new array.</summary>
    public static byte[] Encode(Envelope envelope, ReadOnlySpan<byte> payload)
    {
        var body = new byte[PrefixLength(envelope) + payload.Length];
        Write(envelope, payload, body);
        return body;
    }

    /// <summary>Prefix + payload into a buffer rented from <see cref="ArrayPool{T}.Shared"/>; return it when done.</summary>
    public static byte[] EncodePooled(Envelope envelope, ReadOnlySpan<byte> payload, out int length)
    {
        length = PrefixLength(envelope) + payload.Length;
        byte[] body = ArrayPool<byte>.Shared.Rent(length);
        Write(envelope, payload, body.AsSpan(0, length));
        return body;
    }

    private static void Write(Envelope envelope, ReadOnlySpan<byte> payload, Span<byte> span)
    {
        int prefixLength = span.Length - payload.Length;
        if (prefixLength > ushort.MaxValue)
        {
            throw new TransportException($"envelope of flow '{envelope.FlowId}' is too large ({prefixLength} bytes of names)");
        }

        BinaryPrimitives.WriteUInt16LittleEndian(span, Magic);
        span[2] = Version;
        span[3] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], (ushort)prefixLength);
        envelope.MessageId.TryWriteBytes(span[6..22]);
        BinaryPrimitives.WriteInt64LittleEndian(span[22..], envelope.ImageId);
        BinaryPrimitives.WriteInt32LittleEndian(span[30..], envelope.Hop);
        BinaryPrimitives.WriteInt32LittleEndian(span[34..], envelope.Level);
        BinaryPrimitives.WriteUInt32LittleEndian(span[38..], envelope.Checksum);
        BinaryPrimitives.WriteInt64LittleEndian(span[42..], envelope.CreatedAt.UtcTicks);
        BinaryPrimitives.WriteInt16LittleEndian(span[50..], (short)envelope.CreatedAt.Offset.TotalMinutes);
        int position = FixedLength;
        position += WriteString(span[position..], envelope.FlowId);
        position += WriteString(span[position..], envelope.Policy);
        payload.CopyTo(span[position..]);
    }

    /// <summary>Reads the prefix; false (with a reason) when the body is not an envelope this version understands.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> body, out Envelope? envelope, out int payloadOffset, out string reason)
    {
        envelope = null;
        payloadOffset = 0;
        if (body.Length < FixedLength + 4 || BinaryPrimitives.ReadUInt16LittleEndian(body) != Magic)
        {
            reason = "not an EdgeCascade envelope (bad magic or too short)";
            return false;
        }

        if (body[2] != Version)
        {
            reason = $"unsupported envelope version {body[2]}";
            return false;
        }

        int prefixLength = BinaryPrimitives.ReadUInt16LittleEndian(body[4..]);
        if (prefixLength > body.Length || prefixLength < FixedLength + 4)
        {
            reason = $"envelope prefix length {prefixLength} does not fit a {body.Length}-byte message";
            return false;
        }

        var messageId = new Guid(body[6..22]);
        long imageId = BinaryPrimitives.ReadInt64LittleEndian(body[22..]);
        int hop = BinaryPrimitives.ReadInt32LittleEndian(body[30..]);
        int level = BinaryPrimitives.ReadInt32LittleEndian(body[34..]);
        uint checksum = BinaryPrimitives.ReadUInt32LittleEndian(body[38..]);
        long ticks = BinaryPrimitives.ReadInt64LittleEndian(body[42..]);
        short offsetMinutes = BinaryPrimitives.ReadInt16LittleEndian(body[50..]);
        ReadOnlySpan<byte> names = body[FixedLength..prefixLength];
        if (!TryReadString(ref names, out string? flowId) || !TryReadString(ref names, out string? policy) || names.Length != 0)
        {
            reason = "envelope names are truncated";
            return false;
        }

        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks || Math.Abs((int)offsetMinutes) > 14 * 60)
        {
            reason = "envelope timestamp is out of range";
            return false;
        }

        var offset = TimeSpan.FromMinutes(offsetMinutes);
        var createdAt = new DateTimeOffset(new DateTime(ticks, DateTimeKind.Utc)).ToOffset(offset);
        envelope = new Envelope(messageId, flowId!, imageId, hop, level, policy!, checksum, createdAt);
        payloadOffset = prefixLength;
        reason = string.Empty;
        return true;
    }

    private static int WriteString(Span<byte> destination, string value)
    {
        int length = Encoding.UTF8.GetBytes(value, destination[2..]);
        BinaryPrimitives.WriteUInt16LittleEndian(destination, (ushort)length);
        return 2 + length;
    }

    private static bool TryReadString(ref ReadOnlySpan<byte> source, out string? value)
    {
        value = null;
        if (source.Length < 2)
        {
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16LittleEndian(source);
        if (source.Length < 2 + length)
        {
            return false;
        }

        value = Encoding.UTF8.GetString(source.Slice(2, length));
        source = source[(2 + length)..];
        return true;
    }
}
