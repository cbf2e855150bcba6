using EdgeCascade.Codec.Imaging;
using EdgeCascade.Codec.Metrics;

namespace EdgeCascade.Codec.Tests.Metrics;

public sealed class PsnrTests
{
    [Fact]
    public void Compute_IdenticalImages_IsPositiveInfinity()
    {
        (RgbImage a, _) = MetricImages.Pair(20, 10);
        Assert.Equal(double.PositiveInfinity, Psnr.Compute(a, a));
    }

    [Fact]
    public void Compute_UniformErrorOfOne_Is48Point13()
    {
        var a = new RgbImage(4, 4);
        var b = new RgbImage(4, 4);
        b.Pixels.Fill(1);
        Assert.Equal(20 * Math.Log10(255), Psnr.Compute(a, b), 12);
    }

    [Theory]
    [InlineData(203, 171, 26.85842381191822)]
    [InlineData(256, 192, 26.860453968692696)]
    public void Compute_DeterministicPair_MatchesTorchReference(int width, int height, double expected)
    {
        // Expected values: msssim_reference.py (torch float64) on the same pair.
        (RgbImage a, RgbImage b) = MetricImages.Pair(width, height);
        Assert.Equal(expected, Psnr.Compute(a, b), 10);
    }

    [Fact]
    public void Compute_DifferentSizes_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => Psnr.Compute(new RgbImage(2, 2), new RgbImage(2, 3)));
    }
}
