using EdgeCascade.Codec.Imaging;
using EdgeCascade.Codec.Metrics;

namespace EdgeCascade.Codec.Tests.Metrics;

public sealed class MsSsimTests
{
    [Fact]
    public void Compute_IdenticalImages_IsOneAndInfiniteDecibels()
    {
        (RgbImage a, _) = MetricImages.Pair(170, 165);
        double value = MsSsim.Compute(a, a);
        Assert.Equal(1.0, value, 12);
        Assert.Equal(double.PositiveInfinity, MsSsim.ToDecibels(1.0));
    }

    [Theory]
    [InlineData(203, 171, 0.9947261880929954)]
    [InlineData(256, 192, 0.9946988090715774)]
    public void Compute_DeterministicPair_MatchesTorchReference(int width, int height, double expected)
    {
        // Expected values: msssim_reference.py, a torch 1.13 float64 re-implementation of pytorch_msssim.ms_ssim
        // (conv2d with the separable window, avg_pool2d with padding = size % 2) on the same pair.
        (RgbImage a, RgbImage b) = MetricImages.Pair(width, height);
        Assert.Equal(expected, MsSsim.Compute(a, b), 10);
    }

    [Fact]
    public void ToDecibels_KnownValue_MatchesDefinition()
    {
        Assert.Equal(22.778753635844286, MsSsim.ToDecibels(0.9947261880929954), 9);
        Assert.Equal(10.0, MsSsim.ToDecibels(0.9), 12);
    }

    [Fact]
    public void Compute_SideBelowMinimum_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => MsSsim.Compute(new RgbImage(160, 300), new RgbImage(160, 300)));
    }

    [Fact]
    public void Compute_MoreNoise_LowersScore()
    {
        (RgbImage a, RgbImage b) = MetricImages.Pair(180, 180);
        var worse = new RgbImage(180, 180, b.Pixels.ToArray());
        Span<byte> pixels = worse.Pixels;
        for (int i = 0; i < pixels.Length; i += 7)
        {
            pixels[i] = (byte)(255 - pixels[i]);
        }

        Assert.True(MsSsim.Compute(a, worse) < MsSsim.Compute(a, b));
    }
}
