using EdgeCascade.Codec.RangeCoding;

namespace EdgeCascade.Codec.Entropy;

/// <summary>
/// Immutable set of 16-bit quantized CDFs, one per table index, with CompressAI's layout: row i has
/// <c>cdf_length[i]</c> entries (the last real symbol is the escape symbol, see CompressAI's entropy models and rANS coder) and
/// symbol <c>s</c> of row i codes <c>s - offset[i]</c>.
/// </summary>
/// <remarks>
/// Invariants checked on construction: every row starts at 0, is strictly increasing and ends at 65536,
/// and has at least two entries. Rows are stored back to back in one array.
/// </remarks>
public sealed class CdfTable
{
    /// <summary>Probability precision of every table: CDFs sum to 2^16.</summary>
    public const int PrecisionBits = 16;

    /// <summary>The value every CDF ends with.</summary>
    public const int Total = 1 << PrecisionBits;

    /// <summary>log2 of the number of buckets per row in <see cref="BucketSymbols"/>.</summary>
    internal const int BucketBits = 8;

    private readonly int[] _values;
    private readonly int[] _rowStarts;
    private readonly int[] _lengths;
    private readonly int[] _offsets;
    private readonly ushort[] _bucketSymbols;
    private readonly ulong[] _reciprocals;
    private readonly byte[] _reciprocalShifts;

    private CdfTable(int[] values, int[] rowStarts, int[] lengths, int[] offsets)
    {
        _values = values;
        _rowStarts = rowStarts;
        _lengths = lengths;
        _offsets = offsets;
        _bucketSymbols = BuildBuckets(values, rowStarts, lengths);
        _reciprocals = new ulong[values.Length];
        _reciprocalShifts = new byte[values.Length];
        for (int row = 0; row < lengths.Length; row++)
        {
            for (int j = rowStarts[row]; j < rowStarts[row] + lengths[row] - 1; j++)
            {
                uint frequency = (uint)(values[j + 1] - values[j]);
                if (frequency >= 2)
                {
                    _reciprocals[j] = FrequencyReciprocal.Compute(frequency, out int shift);
                    _reciprocalShifts[j] = (byte)shift;
                }
            }
        }
    }

    /// <summary>Number of CDFs (table indexes).</summary>
    public int Count => _lengths.Length;

    /// <summary>
    /// Builds the table from the exported form: <paramref name="quantizedCdf"/> is a row-major
    /// [count, rowStride] matrix whose rows are padded after <c>cdfLengths[i]</c> entries.
    /// </summary>
    public static CdfTable FromPadded(
        ReadOnlySpan<int> quantizedCdf, int rowStride, ReadOnlySpan<int> cdfLengths, ReadOnlySpan<int> offsets)
    {
        if (rowStride <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rowStride), rowStride, "row stride must be positive");
        }

        if (cdfLengths.Length != offsets.Length)
        {
            throw new ArgumentException(
                $"cdf table has {cdfLengths.Length} lengths but {offsets.Length} offsets; they must match", nameof(offsets));
        }

        if ((long)cdfLengths.Length * rowStride != quantizedCdf.Length)
        {
            throw new ArgumentException(
                $"quantized cdf has {quantizedCdf.Length} entries, expected {cdfLengths.Length} rows x {rowStride}",
                nameof(quantizedCdf));
        }

        var rows = new int[cdfLengths.Length][];
        for (int i = 0; i < rows.Length; i++)
        {
            int length = cdfLengths[i];
            if (length < 2 || length > rowStride)
            {
                throw new ArgumentException(
                    $"cdf length {length} of row {i} is outside [2, {rowStride}]", nameof(cdfLengths));
            }

            rows[i] = quantizedCdf.Slice(i * rowStride, length).ToArray();
        }

        return Create(rows, offsets);
    }

    /// <summary>Builds the table from one CDF array per index (the length of each array is its cdf length).</summary>
    public static CdfTable Create(IReadOnlyList<int[]> cdfs, ReadOnlySpan<int> offsets)
    {
        ArgumentNullException.ThrowIfNull(cdfs);
        if (cdfs.Count != offsets.Length)
        {
            throw new ArgumentException(
                $"cdf table has {cdfs.Count} rows but {offsets.Length} offsets; they must match", nameof(offsets));
        }

        long totalLength = 0;
        for (int i = 0; i < cdfs.Count; i++)
        {
            Validate(cdfs[i], i);
            totalLength += cdfs[i].Length;
        }

        var values = new int[checked((int)totalLength)];
        var rowStarts = new int[cdfs.Count];
        var lengths = new int[cdfs.Count];
        int position = 0;
        for (int i = 0; i < cdfs.Count; i++)
        {
            rowStarts[i] = position;
            lengths[i] = cdfs[i].Length;
            cdfs[i].CopyTo(values, position);
            position += cdfs[i].Length;
        }

        return new CdfTable(values, rowStarts, lengths, offsets.ToArray());
    }

    /// <summary>The CDF of table index <paramref name="index"/> (cdf length entries, 0 .. 65536).</summary>
    public ReadOnlySpan<int> GetCdf(int index) => _values.AsSpan(_rowStarts[index], _lengths[index]);

    /// <summary>Number of CDF entries of <paramref name="index"/> (symbols + 1, escape symbol included).</summary>
    public int GetLength(int index) => _lengths[index];

    /// <summary>Value subtracted from a symbol before it is looked up in the CDF of <paramref name="index"/>.</summary>
    public int GetOffset(int index) => _offsets[index];

    internal int[] Values => _values;

    internal int[] RowStarts => _rowStarts;

    internal int[] Lengths => _lengths;

    internal int[] Offsets => _offsets;

    /// <summary>
    /// Decoder search start: entry <c>row * 2^BucketBits + (c >> (16 - BucketBits))</c> is the symbol s with
    /// <c>cdf[s] &lt;= c' &lt; cdf[s + 1]</c> for the first value c' of that bucket, so the symbol of any c in
    /// the bucket is found by scanning forward from it (usually zero or one step).
    /// </summary>
    internal ushort[] BucketSymbols => _bucketSymbols;

    /// <summary>Per CDF entry j: multiplier for dividing by the frequency <c>cdf[j + 1] - cdf[j]</c> (0 when it is 1).</summary>
    internal ulong[] Reciprocals => _reciprocals;

    /// <summary>Per CDF entry j: shift paired with <see cref="Reciprocals"/>.</summary>
    internal byte[] ReciprocalShifts => _reciprocalShifts;

    private static ushort[] BuildBuckets(int[] values, int[] rowStarts, int[] lengths)
    {
        const int Buckets = 1 << BucketBits;
        const int Shift = PrecisionBits - BucketBits;
        var buckets = new ushort[lengths.Length * Buckets];
        for (int row = 0; row < lengths.Length; row++)
        {
            int start = rowStarts[row];
            int symbol = 0;
            for (int bucket = 0; bucket < Buckets; bucket++)
            {
                int first = bucket << Shift;
                while (values[start + symbol + 1] <= first)
                {
                    symbol++;
                }

                buckets[(row * Buckets) + bucket] = (ushort)symbol;
            }
        }

        return buckets;
    }

    private static void Validate(int[] cdf, int row)
    {
        if (cdf is null)
        {
            throw new ArgumentException($"cdf row {row} is null", nameof(cdf));
        }

        if (cdf.Length < 2)
        {
            throw new ArgumentException($"cdf row {row} has {cdf.Length} entries; at least 2 are needed", nameof(cdf));
        }

        if (cdf[0] != 0 || cdf[^1] != Total)
        {
            throw new ArgumentException(
                $"cdf row {row} must start at 0 and end at {Total}, got {cdf[0]} .. {cdf[^1]}", nameof(cdf));
        }

        for (int j = 1; j < cdf.Length; j++)
        {
            if (cdf[j] <= cdf[j - 1])
            {
                throw new ArgumentException(
                    $"cdf row {row} is not strictly increasing at entry {j} ({cdf[j - 1]} then {cdf[j]})", nameof(cdf));
            }
        }
    }
}
