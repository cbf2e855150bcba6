using System.Numerics;

namespace EdgeCascade.Simulation.Reports;

/// <summary>
/// Fixed-memory latency distribution for percentiles over any number of images: exact below
/// 1,024 ns, then 512 buckets per power of two (relative bucket width ≤ 1/512). Each bucket keeps
/// the largest value it saw, and a percentile reports that value, so runs whose latencies repeat
/// (e.g. periodic arrivals on an idle path) get exact percentiles and others are within 0.2% above.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBuckets = 512;
    private const int LinearLimit = 2 * SubBuckets;
    private const int BucketCount = LinearLimit + (54 * SubBuckets);

    private long[]? _counts;
    private long[]? _maxima;

    /// <summary>Values recorded.</summary>
    public long Count { get; private set; }

    /// <summary>Sum of the values recorded.</summary>
    public double Sum { get; private set; }

    /// <summary>Largest value recorded (0 when empty).</summary>
    public long Max { get; private set; }

    /// <summary>Records <paramref name="value"/> (negative values count as 0).</summary>
    public void Record(long value)
    {
        value = Math.Max(0, value);
        _counts ??= new long[BucketCount];
        _maxima ??= new long[BucketCount];
        int index = BucketIndex(value);
        _counts[index]++;
        _maxima[index] = Math.Max(_maxima[index], value);
        Count++;
        Sum += value;
        Max = Math.Max(Max, value);
    }

    /// <summary>
    /// The nearest-rank <paramref name="percentile"/> (0-100]: the largest value in the bucket holding
    /// the ⌈p/100 · n⌉-th smallest value; null when empty.
    /// </summary>
    public long? Percentile(double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(percentile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        if (Count == 0 || _counts is null || _maxima is null)
        {
            return null;
        }

        long rank = Math.Max(1, (long)Math.Ceiling(percentile / 100.0 * Count));
        long seen = 0;
        for (int i = 0; i < BucketCount; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return _maxima[i];
            }
        }

        return Max;
    }

    internal static int BucketIndex(long value)
    {
        if (value < LinearLimit)
        {
            return (int)value;
        }

        int exponent = 63 - BitOperations.LeadingZeroCount((ulong)value);
        int shift = exponent - 9;
        int top = (int)(value >> shift);
        return LinearLimit + ((shift - 1) * SubBuckets) + (top - SubBuckets);
    }
}
