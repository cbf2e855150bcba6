using EdgeCascade.Codec.Entropy;

namespace EdgeCascade.Codec.Tests.Entropy;

public sealed class PmfToCdfTests
{
    [Fact]
    public void Quantize_ZeroTail_StealsFromFirstSmallestFrequency()
    {
        // [0, 32768, 49152, 65536, 65536]: the tail has width 0 and takes a unit from symbol 1 (16384, the
        // first of the two smallest), shifting entries 2..3 down by one.
        int[] cdf = PmfToCdf.Quantize([0.5, 0.25, 0.25], 0);
        Assert.Equal(new[] { 0, 32768, 49151, 65535, 65536 }, cdf);
    }

    [Fact]
    public void Quantize_UnnormalisedPmf_RescalesByIntegerDivision()
    {
        // Frequencies round to 6554, 6554, 0 (tail); total 13108; 65536 * 6554 / 13108 = 32768.
        int[] cdf = PmfToCdf.Quantize([0.1, 0.1], 1e-9);
        Assert.Equal(new[] { 0, 32767, 65535, 65536 }, cdf);
    }

    [Fact]
    public void Quantize_RandomPmfs_StrictlyIncreasingFromZeroTo65536()
    {
        var random = new Random(99);
        for (int trial = 0; trial < 300; trial++)
        {
            var pmf = new double[random.Next(1, 600)];
            for (int i = 0; i < pmf.Length; i++)
            {
                pmf[i] = Math.Pow(random.NextDouble(), random.Next(1, 16));
            }

            int[] cdf = PmfToCdf.Quantize(pmf, random.NextDouble() * 1e-3);
            Assert.Equal(pmf.Length + 2, cdf.Length);
            Assert.Equal(0, cdf[0]);
            Assert.Equal(65536, cdf[^1]);
            for (int i = 1; i < cdf.Length; i++)
            {
                Assert.True(cdf[i] > cdf[i - 1], $"trial {trial}: not increasing at {i}");
            }
        }
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Quantize_InvalidProbability_ThrowsArgumentException(double p)
    {
        Assert.Throws<ArgumentException>(() => PmfToCdf.Quantize([0.5, p], 0));
    }

    [Fact]
    public void Quantize_AllZero_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => PmfToCdf.Quantize([0.0, 0.0], 0));
    }
}
