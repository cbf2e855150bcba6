using System.Buffers;
using System.Buffers.Binary;

namespace EdgeCascade.Runtime.Transport;

/// <summary>
/// Several envelope bodies (<see cref="EnvelopeSerializer"/> prefix + payload each) in one broker message.
/// </summary>
/// <remarks>
/// Layout, little-endian:
/// <code>
/// 0  u16  magic 0xEC5B      2  u8  version (1)      3  u8  reserved (0)      4  u32  item count (>= 1)
/// then per item: u32 length, then that many bytes (one complete envelope body)
/// </code>
/// Nothing follows the last item. Each item keeps its own envelope and payload CRC, so a damaged item is refused on
/// its own; a frame whose lengths do not add up is refused whole.
/// </remarks>
internal static class EnvelopeBatch
{
    private const ushort Magic = 0xEC5B;
    private const byte Version = 1;
    private const int HeaderLength = 8;
    private const int ItemHeaderLength = 4;

    /// <summary>Bytes of a frame holding items of these body lengths.</summary>
    public static int FrameLength(int itemCount, int totalItemBytes) => HeaderLength + itemCount * ItemHeaderLength + totalItemBytes;

    /// <summary>Extra bytes one more item adds to a frame.</summary>
    public static int ItemOverhead => ItemHeaderLength;

    /// <summary>True when <paramref name="body"/> starts like a batch frame (it may still be malformed).</summary>
    public static bool LooksLikeBatch(ReadOnlySpan<byte> body) =>
        body.Length >= 2 && BinaryPrimitives.ReadUInt16LittleEndian(body) == Magic;

    /// <summary>Writes the items into one buffer rented from <see cref="ArrayPool{T}.Shared"/>; return it when done.</summary>
    public static byte[] EncodePooled(IReadOnlyList<ReadOnlyMemory<byte>> items, out int length)
    {
        ArgumentOutOfRangeException.ThrowIfZero(items.Count);
        int total = 0;
        foreach (ReadOnlyMemory<byte> item in items)
        {
            total += item.Length;
        }

        length = FrameLength(items.Count, total);
        byte[] frame = ArrayPool<byte>.Shared.Rent(length);
        Span<byte> span = frame.AsSpan(0, length);
        BinaryPrimitives.WriteUInt16LittleEndian(span, Magic);
        span[2] = Version;
        span[3] = 0;
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)items.Count);
        int position = HeaderLength;
        foreach (ReadOnlyMemory<byte> item in items)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(span[position..], (uint)item.Length);
            position += ItemHeaderLength;
            item.Span.CopyTo(span[position..]);
            position += item.Length;
        }

        return frame;
    }

    /// <summary>
    /// Splits a frame into its item bodies (offset and length into <paramref name="frame"/>); false with a reason when
    /// the frame is malformed, in which case <paramref name="items"/> is left empty.
    /// </summary>
    public static bool TrySplit(ReadOnlySpan<byte> frame, List<Range> items, out string reason)
    {
        items.Clear();
        if (frame.Length < HeaderLength || !LooksLikeBatch(frame))
        {
            reason = "not an EdgeCascade batch (bad magic or too short)";
            return false;
        }

        if (frame[2] != Version)
        {
            reason = $"unsupported batch version {frame[2]}";
            return false;
        }

        uint count = BinaryPrimitives.ReadUInt32LittleEndian(frame[4..]);

        // Every item needs at least its length word: a count beyond that is a lie, checked before any allocation.
        if (count == 0 || count > (uint)((frame.Length - HeaderLength) / ItemHeaderLength))
        {
            reason = $"batch item count {count} does not fit a {frame.Length}-byte message";
            return false;
        }

        int position = HeaderLength;
        for (uint i = 0; i < count; i++)
        {
            if (frame.Length - position < ItemHeaderLength)
            {
                items.Clear();
                reason = $"batch is truncated at item {i + 1} of {count}";
                return false;
            }

            uint length = BinaryPrimitives.ReadUInt32LittleEndian(frame[position..]);
            position += ItemHeaderLength;
            if (length > (uint)(frame.Length - position))
            {
                items.Clear();
                reason = $"batch item {i + 1} of {count} claims {length} bytes; {frame.Length - position} remain";
                return false;
            }

            items.Add(new Range(position, position + (int)length));
            position += (int)length;
        }

        if (position != frame.Length)
        {
            items.Clear();
            reason = $"{frame.Length - position} stray bytes after the last of {count} batch items";
            return false;
        }

        reason = string.Empty;
        return true;
    }
}
