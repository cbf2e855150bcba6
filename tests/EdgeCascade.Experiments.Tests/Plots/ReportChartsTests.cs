using EdgeCascade.Experiments.Plots;

namespace EdgeCascade.Experiments.Tests.Plots;

public sealed class ReportChartsTests
{
    [Fact]
    public void GroupedBars_MissingValue_DrawsNoBarAndSaysNa()
    {
        var svg = ReportCharts.GroupedBars("t", "GFLOPs",
            [("node 1", [("HCF", 1.5, 0), ("DRF", 4, 1)]), ("node 2", [("HCF", double.NaN, 0), ("DRF", 3, 1)])],
            [("HCF", 0), ("DRF", 1)], zeroBased: true);

        Assert.Equal(3, svg.Split("<title>").Length - 1);
        Assert.Contains(">n/a</text>", svg, StringComparison.Ordinal);
        Assert.Contains(">node 2</text>", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", svg, StringComparison.Ordinal);
        Assert.Contains(">t</text>", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void GroupedBars_NotZeroBased_SaysSoInTitle()
    {
        var svg = ReportCharts.GroupedBars("psnr", "dB", [("n_q = 2", [("[1,1]", 30.1, 1), ("[1,0]", 30.0, ReportCharts.Grey)])], [], zeroBased: false);

        Assert.Contains(">psnr (y axis not from 0)</text>", svg, StringComparison.Ordinal);
        Assert.Contains("fill=\"#9e9e9e\"", svg, StringComparison.Ordinal);
        Assert.Contains("fill=\"#d62728\"", svg, StringComparison.Ordinal);
    }
}
