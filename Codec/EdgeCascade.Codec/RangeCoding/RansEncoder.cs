using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using EdgeCascade.Codec.Entropy;

namespace EdgeCascade.Codec.RangeCoding;

/// <summary>
/// Buffered 64-bit rANS encoder with escape (bypass) coding, bit-compatible with CompressAI's
/// <c>BufferedRansEncoder</c> (hcf-spec §4.4). Call <see cref="EncodeWithIndexes"/> any number of times,
/// then <see cref="Flush"/> to get the stream; the encoder is then empty and can be reused.
/// </summary>
/// <remarks>
/// rANS is last-in first-out, so symbols are buffered and encoded in reverse at flush time; the decoder then
/// reads them in the original order. The stream is a sequence of little-endian 32-bit words.
/// </remarks>
public sealed class RansEncoder
{
    // One entry per coded unit: low 32 bits = start (or the nibble for a bypass), high 32 bits = frequency
    // (0 marks a 4-bit bypass chunk). A frequency can be 65536, so it does not fit in 16 bits.
    private ulong[] _entries = new ulong[1024];
    private int _count;

    /// <summary>Number of buffered coding units (symbols plus bypass nibbles).</summary>
    public int BufferedCount => _count;

    /// <summary>
    /// Buffers <paramref name="symbols"/>, symbol i coded with the CDF <c>indexes[i]</c> of <paramref name="tables"/>.
    /// Symbols outside a table's range are coded as the escape symbol followed by bypass nibbles.
    /// </summary>
    public void EncodeWithIndexes(ReadOnlySpan<int> symbols, ReadOnlySpan<int> indexes, CdfTable tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        if (symbols.Length != indexes.Length)
        {
            throw new ArgumentException(
                $"{symbols.Length} symbols but {indexes.Length} indexes; pass one index per symbol", nameof(indexes));
        }

        int[] values = tables.Values;
        int[] rowStarts = tables.RowStarts;
        int[] lengths = tables.Lengths;
        int[] offsets = tables.Offsets;
        int tableCount = lengths.Length;

        // Room for one unit per symbol; escapes grow the buffer as needed.
        EnsureCapacity(_count + symbols.Length);
        for (int i = 0; i < symbols.Length; i++)
        {
            int index = indexes[i];
            if ((uint)index >= (uint)tableCount)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(indexes), index, $"cdf index at position {i} is outside [0, {tableCount})");
            }

            int maxValue = lengths[index] - 2;
            long value = (long)symbols[i] - offsets[index];
            int row = rowStarts[index];
            if (value >= 0 && value < maxValue)
            {
                int start = values[row + (int)value];
                Push((uint)start, (uint)(values[row + (int)value + 1] - start));
                continue;
            }

            long raw = value < 0 ? (-2 * value) - 1 : 2 * (value - maxValue);
            if (raw > uint.MaxValue)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(symbols), symbols[i], $"symbol at position {i} is too far outside its table to escape-code");
            }

            int escapeStart = values[row + maxValue];
            Push((uint)escapeStart, (uint)(values[row + maxValue + 1] - escapeStart));
            PushEscape((uint)raw);
        }
    }

    /// <summary>Encodes everything buffered and returns the stream; the encoder is empty afterwards.</summary>
    public byte[] Flush()
    {
        // Each unit emits at most one word, the final state two.
        var words = new uint[_count + 2];
        int position = words.Length;
        ulong state = RansConstants.LowerBound;
        ulong[] entries = _entries;
        for (int i = _count - 1; i >= 0; i--)
        {
            ulong entry = entries[i];
            uint start = (uint)entry;
            ulong frequency = entry >> 32;
            if (frequency != 0)
            {
                if (state >= RansConstants.RenormBase * frequency)
                {
                    words[--position] = (uint)state;
                    state >>= 32;
                }

                state = ((state / frequency) << RansConstants.PrecisionBits) + (state % frequency) + start;
            }
            else
            {
                if (state >= RansConstants.RenormBase << (RansConstants.PrecisionBits - RansConstants.BypassBits))
                {
                    words[--position] = (uint)state;
                    state >>= 32;
                }

                state = (state << RansConstants.BypassBits) | start;
            }
        }

        words[--position] = (uint)(state >> 32);
        words[--position] = (uint)state;
        _count = 0;

        var bytes = new byte[(words.Length - position) * sizeof(uint)];
        for (int i = position, o = 0; i < words.Length; i++, o += sizeof(uint))
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(o), words[i]);
        }

        return bytes;
    }

    private void PushEscape(uint raw)
    {
        int nibbles = 0;
        while (nibbles < RansConstants.MaxBypassNibbles && (raw >> (nibbles * RansConstants.BypassBits)) != 0)
        {
            nibbles++;
        }

        EnsureCapacity(_count + 3 + nibbles);
        int remaining = nibbles;
        while (remaining >= RansConstants.BypassMaxValue)
        {
            Push(RansConstants.BypassMaxValue, 0);
            remaining -= (int)RansConstants.BypassMaxValue;
        }

        Push((uint)remaining, 0);
        for (int j = 0; j < nibbles; j++)
        {
            Push((raw >> (j * RansConstants.BypassBits)) & RansConstants.BypassMaxValue, 0);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Push(uint start, uint frequency)
    {
        if (_count == _entries.Length)
        {
            EnsureCapacity(_count + 1);
        }

        _entries[_count++] = ((ulong)frequency << 32) | start;
    }

    private void EnsureCapacity(int needed)
    {
        if (needed > _entries.Length)
        {
            int size = Math.Max(needed, (int)Math.Min(Array.MaxLength, 2L * _entries.Length));
            Array.Resize(ref _entries, size);
        }
    }
}
