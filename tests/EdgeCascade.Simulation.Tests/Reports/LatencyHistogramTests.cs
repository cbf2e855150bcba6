using EdgeCascade.Simulation.Reports;

namespace EdgeCascade.Simulation.Tests.Reports;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Percentile_RepeatedValue_Exact()
    {
        var histogram = new LatencyHistogram();
        for (int i = 0; i < 10; i++)
        {
            histogram.Record(36_000_000);
        }

        Assert.Equal(36_000_000, histogram.Percentile(50));
        Assert.Equal(36_000_000, histogram.Percentile(99));
    }

    [Fact]
    public void Percentile_OneToThousand_NearestRankWithinBucketResolution()
    {
        var histogram = new LatencyHistogram();
        for (long v = 1; v <= 1000; v++)
        {
            histogram.Record(v * 1_000_000);
        }

        long p95 = histogram.Percentile(95)!.Value;
        Assert.InRange(p95, 950_000_000, 950_000_000 * 1.002);
        Assert.Equal(1_000_000_000, histogram.Percentile(100));
    }

    [Fact]
    public void BucketIndex_Monotonic()
    {
        int previous = -1;
        for (long v = 0; v < 5_000_000; v += 997)
        {
            int index = LatencyHistogram.BucketIndex(v);
            Assert.True(index >= previous);
            previous = index;
        }

        Assert.True(LatencyHistogram.BucketIndex(long.MaxValue) < 1024 + (54 * 512));
    }
}
