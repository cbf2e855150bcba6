using EdgeCascade.Experiments.Plots;

namespace EdgeCascade.Experiments.Tests.Plots;

public sealed class RdPlotTests
{
    private static readonly List<(string Name, List<(double X, double Y)> Points)> s_series =
        [("a", [(0.1, 30), (0.2, 32), (double.NaN, 40)]), ("b", [(0.15, 31), (0.3, 33)])];

    [Fact]
    public void Svg_DefaultAxes_KeepsRateDistortionLabels()
    {
        var svg = RdPlot.Svg("t", s_series);

        Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
        Assert.Contains(">bits per pixel</text>", svg, StringComparison.Ordinal);
        Assert.Contains(">PSNR (dB)</text>", svg, StringComparison.Ordinal);
        Assert.Equal(4, svg.Split("<circle").Length - 1);
    }

    [Fact]
    public void Svg_CustomAxesWithoutMarkers_UsesLabelsAndFixedRange()
    {
        var svg = RdPlot.Svg("cdf", s_series, new RdPlot.Axes("latency (ms)", "fraction") { YRange = (0, 1), XFrom = 0, Markers = false });

        Assert.Contains(">latency (ms)</text>", svg, StringComparison.Ordinal);
        Assert.Contains(">fraction</text>", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<circle", svg, StringComparison.Ordinal);
        Assert.Contains(">0.25</text>", svg, StringComparison.Ordinal);
        Assert.Equal(2, svg.Split("<polyline").Length - 1);
    }

    [Fact]
    public void Svg_NoFinitePoints_StillDrawsAxes()
    {
        var svg = RdPlot.Svg("empty", [("a", [(double.NaN, 1)])], new RdPlot.Axes("x", "y"));

        Assert.EndsWith("</svg>\n", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", svg, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100, "0")]
    [InlineData(10, "0.#")]
    [InlineData(1, "0.##")]
    [InlineData(0.01, "0.####")]
    public void TickFormat_Span_HasEnoughDecimals(double span, string expected) =>
        Assert.Equal(expected, RdPlot.TickFormat(span));
}
