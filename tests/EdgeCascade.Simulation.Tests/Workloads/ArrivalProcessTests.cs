using EdgeCascade.Simulation.Engine;
using EdgeCascade.Simulation.Workloads;

namespace EdgeCascade.Simulation.Tests.Workloads;

public sealed class ArrivalProcessTests
{
    [Fact]
    public void Next_Periodic_ExactMultiplesOfThePeriodWithoutDrift()
    {
        var arrivals = new PeriodicArrivals(3);

        long[] times = Enumerable.Range(0, 4).Select(_ => arrivals.Next()!.Value).ToArray();

        Assert.Equal(new long[] { 0, 333_333_333, 666_666_667, 1_000_000_000 }, times);
    }

    [Fact]
    public void Next_PoissonHundredThousandArrivals_MeanRateWithinOnePercent()
    {
        var arrivals = new PoissonArrivals(250, DeterministicRandom.ForStream(7, "arrivals", 0));
        long last = 0;
        for (int i = 0; i < 100_000; i++)
        {
            last = arrivals.Next()!.Value;
        }

        double rate = 100_000 / (last / 1e9);
        Assert.InRange(rate, 247.5, 252.5);
    }

    [Fact]
    public void Next_PoissonSameSeed_SameTimes()
    {
        var first = new PoissonArrivals(10, DeterministicRandom.ForStream(3, "arrivals", 1));
        var second = new PoissonArrivals(10, DeterministicRandom.ForStream(3, "arrivals", 1));
        var other = new PoissonArrivals(10, DeterministicRandom.ForStream(3, "arrivals", 2));

        long[] a = Enumerable.Range(0, 50).Select(_ => first.Next()!.Value).ToArray();
        long[] b = Enumerable.Range(0, 50).Select(_ => second.Next()!.Value).ToArray();
        long[] c = Enumerable.Range(0, 50).Select(_ => other.Next()!.Value).ToArray();

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Parse_ValidTrace_SkipsCommentsAndBlankLinesAndReadsSeconds()
    {
        var times = TraceFile.Parse(new StringReader("# camera 1\n0\n\n0.25, label\n1.5\n"), "t.txt");

        Assert.Equal(new long[] { 0, 250_000_000, 1_500_000_000 }, times);
    }

    [Fact]
    public void Parse_NonNumericLine_ThrowsNamingFileAndLine()
    {
        var error = Assert.Throws<TraceFileException>(() => TraceFile.Parse(new StringReader("0\n0.5\nsoon\n"), "t.txt"));

        Assert.StartsWith("t.txt:3: 'soon'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DecreasingTime_ThrowsNamingLine()
    {
        var error = Assert.Throws<TraceFileException>(() => TraceFile.Parse(new StringReader("1\n0.5\n"), "t.txt"));

        Assert.StartsWith("t.txt:2:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NextInt_ManyDraws_StaysInRangeAndCoversIt()
    {
        var random = new DeterministicRandom(42);
        var seen = new bool[7];
        for (int i = 0; i < 1000; i++)
        {
            seen[random.NextInt(7)] = true;
        }

        Assert.All(seen, Assert.True);
    }
}
