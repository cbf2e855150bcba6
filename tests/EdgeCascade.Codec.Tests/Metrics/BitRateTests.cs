using EdgeCascade.Codec.Metrics;

namespace EdgeCascade.Codec.Tests.Metrics;

public sealed class BitRateTests
{
    [Fact]
    public void BitsPerPixel_KodakSizedFile_IsBytesTimesEightOverPixels()
    {
        Assert.Equal(0.125, BitRate.BitsPerPixel(6144, 512, 768), 12);
    }

    [Fact]
    public void BitsPerPixel_ZeroHeight_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BitRate.BitsPerPixel(10, 0, 5));
    }
}
