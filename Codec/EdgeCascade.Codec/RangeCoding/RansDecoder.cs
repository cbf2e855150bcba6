using System.Buffers.Binary;
using EdgeCascade.Codec.Bitstreams;
using EdgeCascade.Codec.Entropy;

namespace EdgeCascade.Codec.RangeCoding;

/// <summary>
/// 64-bit rANS decoder for streams written by <see cref="RansEncoder"/> (CompressAI <c>RansDecoder</c>,
/// CompressAI's rANS coder (ryg_rans rans64)). <see cref="DecodeWithIndexes"/> may be called repeatedly to decode consecutive parts of
/// one stream with the same split as at encode time.
/// </summary>
/// <remarks>
/// Every read is bounds checked and every loop is bounded by the output length or the 8-nibble escape limit,
/// so arbitrary input ends in output or a <see cref="BitstreamException"/>, never a hang.
/// </remarks>
public sealed class RansDecoder
{
    private readonly ReadOnlyMemory<byte> _stream;
    private int _position;
    private ulong _state;

    /// <summary>Starts decoding <paramref name="stream"/> (little-endian 32-bit words, state first).</summary>
    public RansDecoder(ReadOnlyMemory<byte> stream)
    {
        if (stream.Length % sizeof(uint) != 0)
        {
            throw new BitstreamException(
                $"rANS stream length {stream.Length} is not a multiple of 4 bytes; the stream is truncated or corrupt");
        }

        if (stream.Length < 2 * sizeof(uint))
        {
            throw new BitstreamException(
                $"rANS stream has {stream.Length} bytes but at least 8 are needed; the stream is truncated");
        }

        _stream = stream;
        ReadOnlySpan<byte> span = stream.Span;
        _state = BinaryPrimitives.ReadUInt32LittleEndian(span) | ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(span[4..]) << 32);
        _position = 2 * sizeof(uint);
    }

    /// <summary>True when every word has been read and the state is back to its initial value.</summary>
    public bool IsFullyConsumed => _position == _stream.Length && _state == RansConstants.LowerBound;

    /// <summary>
    /// Decodes <c>output.Length</c> symbols, symbol i with the CDF <c>indexes[i]</c> of <paramref name="tables"/>.
    /// </summary>
    /// <exception cref="BitstreamException">The stream ends early or decodes to an impossible value.</exception>
    public void DecodeWithIndexes(Span<int> output, ReadOnlySpan<int> indexes, CdfTable tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        if (output.Length != indexes.Length)
        {
            throw new ArgumentException(
                $"{output.Length} outputs but {indexes.Length} indexes; pass one index per symbol", nameof(indexes));
        }

        int[] values = tables.Values;
        int[] rowStarts = tables.RowStarts;
        int[] lengths = tables.Lengths;
        int[] offsets = tables.Offsets;
        ushort[] buckets = tables.BucketSymbols;
        int tableCount = lengths.Length;
        ReadOnlySpan<byte> stream = _stream.Span;
        ulong state = _state;
        int position = _position;

        for (int i = 0; i < output.Length; i++)
        {
            int index = indexes[i];
            if ((uint)index >= (uint)tableCount)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(indexes), index, $"cdf index at position {i} is outside [0, {tableCount})");
            }

            int row = rowStarts[index];
            int length = lengths[index];
            int cumulative = (int)(state & RansConstants.PrecisionMask);

            // Start at the symbol owning the first value of this bucket and step forward; the row ends at
            // 65536 > cumulative, so the scan stops inside the row.
            int low = buckets[(index << CdfTable.BucketBits) + (cumulative >> (CdfTable.PrecisionBits - CdfTable.BucketBits))];
            while (values[row + low + 1] <= cumulative)
            {
                low++;
            }

            uint start = (uint)values[row + low];
            ulong frequency = (uint)values[row + low + 1] - start;
            state = (frequency * (state >> RansConstants.PrecisionBits)) + (state & RansConstants.PrecisionMask) - start;
            if (state < RansConstants.LowerBound)
            {
                state = (state << 32) | ReadWord(stream, ref position);
            }

            long value = low;
            int maxValue = length - 2;
            if (low == maxValue)
            {
                value = DecodeEscape(stream, ref state, ref position, maxValue);
            }

            long symbol = value + offsets[index];
            if (symbol < int.MinValue || symbol > int.MaxValue)
            {
                throw new BitstreamException(
                    $"rANS stream decodes symbol {i} to {symbol}, outside the int range; the stream is corrupt");
            }

            output[i] = (int)symbol;
        }

        _state = state;
        _position = position;
    }

    /// <summary>
    /// Throws unless the whole stream was consumed and the coder returned to its initial state, which holds
    /// for every intact stream decoded with the indexes it was encoded with.
    /// </summary>
    public void EnsureFullyConsumed()
    {
        if (!IsFullyConsumed)
        {
            throw new BitstreamException(
                $"rANS stream not fully consumed (read {_position} of {_stream.Length} bytes); the stream is corrupt " +
                "or was decoded with different tables or symbol counts than it was encoded with");
        }
    }

    private static long DecodeEscape(ReadOnlySpan<byte> stream, ref ulong state, ref int position, int maxValue)
    {
        uint chunk = ReadBypass(stream, ref state, ref position);
        int nibbles = (int)chunk;
        while (chunk == RansConstants.BypassMaxValue)
        {
            if (nibbles > RansConstants.MaxBypassNibbles)
            {
                break;
            }

            chunk = ReadBypass(stream, ref state, ref position);
            nibbles += (int)chunk;
        }

        if (nibbles > RansConstants.MaxBypassNibbles)
        {
            throw new BitstreamException(
                $"rANS escape announces {nibbles} nibbles but at most {RansConstants.MaxBypassNibbles} are possible; the stream is corrupt");
        }

        uint raw = 0;
        for (int j = 0; j < nibbles; j++)
        {
            raw |= ReadBypass(stream, ref state, ref position) << (j * RansConstants.BypassBits);
        }

        long magnitude = raw >> 1;
        return (raw & 1) != 0 ? -magnitude - 1 : magnitude + maxValue;
    }

    private static uint ReadBypass(ReadOnlySpan<byte> stream, ref ulong state, ref int position)
    {
        uint value = (uint)(state & RansConstants.BypassMaxValue);
        state >>= RansConstants.BypassBits;
        if (state < RansConstants.LowerBound)
        {
            state = (state << 32) | ReadWord(stream, ref position);
        }

        return value;
    }

    private static uint ReadWord(ReadOnlySpan<byte> stream, ref int position)
    {
        if (position > stream.Length - sizeof(uint))
        {
            throw new BitstreamException(
                $"rANS stream ends after {stream.Length} bytes but decoding needs more; the stream is truncated");
        }

        uint word = BinaryPrimitives.ReadUInt32LittleEndian(stream[position..]);
        position += sizeof(uint);
        return word;
    }
}
