using System.Buffers.Binary;
using System.Text;

namespace EdgeCascade.Runtime.Membership;

/// <summary>
/// Heartbeat wire format, little-endian: u8 version (1), 16-byte incarnation, i64 sequence, i64 sent-at UTC ticks,
/// then the node name in UTF-8 (rest of the body).
/// </summary>
internal static class HeartbeatSerializer
{
    private const byte Version = 1;
    private const int FixedLength = 1 + 16 + 8 + 8;

    public static byte[] Encode(Heartbeat heartbeat)
    {
        var body = new byte[FixedLength + Encoding.UTF8.GetByteCount(heartbeat.Node)];
        Span<byte> span = body;
        span[0] = Version;
        heartbeat.Incarnation.TryWriteBytes(span[1..17]);
        BinaryPrimitives.WriteInt64LittleEndian(span[17..], heartbeat.Sequence);
        BinaryPrimitives.WriteInt64LittleEndian(span[25..], heartbeat.SentAt.UtcTicks);
        Encoding.UTF8.GetBytes(heartbeat.Node, span[FixedLength..]);
        return body;
    }

    public static Heartbeat? TryDecode(ReadOnlySpan<byte> body)
    {
        if (body.Length <= FixedLength || body[0] != Version)
        {
            return null;
        }

        long ticks = BinaryPrimitives.ReadInt64LittleEndian(body[25..]);
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            return null;
        }

        return new Heartbeat(
            Encoding.UTF8.GetString(body[FixedLength..]),
            new Guid(body[1..17]),
            BinaryPrimitives.ReadInt64LittleEndian(body[17..]),
            new DateTimeOffset(ticks, TimeSpan.Zero));
    }
}
