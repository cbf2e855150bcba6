using System.Buffers.Binary;
using EdgeCascade.Codec.Entropy;

namespace EdgeCascade.Codec.RangeCoding;

/// <summary>
/// Buffered 64-bit rANS encoder with escape (bypass) coding, bit-compatible with CompressAI's
/// <c>BufferedRansEncoder</c> (CompressAI's rANS coder (ryg_rans rans64)). Call <see cref="EncodeWithIndexes"/> any number of times,
/// then <see cref="Flush"/> to get the stream; the encoder is then empty and can be reused.
/// </summary>
/// <remarks>
/// rANS is last-in first-out, so symbols are buffered and encoded in reverse at flush time; the decoder then
/// reads them in the original order. The stream is a sequence of little-endian 32-bit words.
/// </remarks>
public sealed class RansEncoder
{
    // A unit is one coding step. Symbol: bits 0-31 = position of its interval start in the table's CDF
    // array, bits 32-62 = slot of the table in _tables. Bypass chunk: bit 63 set, bits 0-3 = the nibble.
    // Start, frequency and frequency reciprocal are looked up at flush time, keeping units at 8 bytes.
    private const ulong BypassFlag = 1UL << 63;

    private readonly List<CdfTable> _tables = [];
    private ulong[] _units = new ulong[1024];
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
        int slot = _tables.IndexOf(tables);
        if (slot < 0)
        {
            slot = _tables.Count;
            _tables.Add(tables);
        }

        ulong slotBits = (ulong)slot << 32;

        // Room for one unit per symbol; escapes grow the buffer as needed.
        EnsureCapacity(_count + symbols.Length);
        ulong[] units = _units;
        int count = _count;
        for (int i = 0; i < symbols.Length; i++)
        {
            int index = indexes[i];
            if ((uint)index >= (uint)tableCount)
            {
                _count = count;
                throw new ArgumentOutOfRangeException(
                    nameof(indexes), index, $"cdf index at position {i} is outside [0, {tableCount})");
            }

            int maxValue = lengths[index] - 2;
            long value = (long)symbols[i] - offsets[index];
            bool escape = value < 0 || value >= maxValue;
            long raw = value < 0 ? (-2 * value) - 1 : 2 * (value - maxValue);
            if (escape && raw > uint.MaxValue)
            {
                _count = count;
                throw new ArgumentOutOfRangeException(
                    nameof(symbols), symbols[i], $"symbol at position {i} is too far outside its table to escape-code");
            }

            int entry = rowStarts[index] + (escape ? maxValue : (int)value);
            if (count >= units.Length)
            {
                _count = count;
                EnsureCapacity(count + 1);
                units = _units;
            }

            units[count++] = slotBits | (uint)entry;
            if (escape)
            {
                _count = count;
                PushEscape((uint)raw);
                units = _units;
                count = _count;
            }
        }

        _count = count;
    }

    /// <summary>Encodes everything buffered and returns the stream; the encoder is empty afterwards.</summary>
    public byte[] Flush()
    {
        // Each unit emits at most one word, the final state two.
        var words = new uint[_count + 2];
        int position = words.Length;
        ulong state = RansConstants.LowerBound;
        ulong[] units = _units;
        const ulong BypassThreshold = RansConstants.RenormBase << (RansConstants.PrecisionBits - RansConstants.BypassBits);
        int currentSlot = -1;
        int[] values = [];
        ulong[] reciprocals = [];
        byte[] shifts = [];
        for (int i = _count - 1; i >= 0; i--)
        {
            ulong unit = units[i];
            if ((unit & BypassFlag) == 0)
            {
                int slot = (int)(unit >> 32);
                if (slot != currentSlot)
                {
                    CdfTable table = _tables[slot];
                    (values, reciprocals, shifts, currentSlot) = (table.Values, table.Reciprocals, table.ReciprocalShifts, slot);
                }

                int entry = (int)(uint)unit;
                uint start = (uint)values[entry];
                ulong frequency = (uint)values[entry + 1] - start;
                if (state >= RansConstants.RenormBase * frequency)
                {
                    words[--position] = (uint)state;
                    state >>= 32;
                }

                // state = ((state / freq) << 16) + (state % freq) + start, with the quotient by reciprocal.
                ulong quotient = frequency == 1 ? state : FrequencyReciprocal.Divide(state, reciprocals[entry], shifts[entry]);
                state = (quotient << RansConstants.PrecisionBits) + (state - (quotient * frequency)) + start;
            }
            else
            {
                if (state >= BypassThreshold)
                {
                    words[--position] = (uint)state;
                    state >>= 32;
                }

                state = (state << RansConstants.BypassBits) | (unit & RansConstants.BypassMaxValue);
            }
        }

        words[--position] = (uint)(state >> 32);
        words[--position] = (uint)state;
        _count = 0;
        _tables.Clear();

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

        EnsureCapacity(_count + 2 + nibbles);
        int remaining = nibbles;
        while (remaining >= RansConstants.BypassMaxValue)
        {
            _units[_count++] = BypassFlag | RansConstants.BypassMaxValue;
            remaining -= (int)RansConstants.BypassMaxValue;
        }

        _units[_count++] = BypassFlag | (uint)remaining;
        for (int j = 0; j < nibbles; j++)
        {
            _units[_count++] = BypassFlag | ((raw >> (j * RansConstants.BypassBits)) & RansConstants.BypassMaxValue);
        }
    }

    private void EnsureCapacity(int needed)
    {
        if (needed > _units.Length)
        {
            int size = Math.Max(needed, (int)Math.Min(Array.MaxLength, 2L * _units.Length));
            Array.Resize(ref _units, size);
        }
    }
}
