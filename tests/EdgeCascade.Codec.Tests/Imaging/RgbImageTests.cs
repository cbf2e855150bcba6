using EdgeCascade.Codec.Imaging;

namespace EdgeCascade.Codec.Tests.Imaging;

public sealed class RgbImageTests
{
    [Fact]
    public void FromPlanarFloat_ToPlanarFloatOfEveryByte_RoundTripsExactly()
    {
        var image = new RgbImage(256, 3);
        for (int i = 0; i < image.Pixels.Length; i++)
        {
            image.Pixels[i] = (byte)(i / 3 % 256);
        }

        RgbImage back = RgbImage.FromPlanarFloat(image.ToPlanarFloat(), 256, 3);
        Assert.Equal(image.Pixels.ToArray(), back.Pixels.ToArray());
    }

    [Fact]
    public void ToPlanarFloat_Pixel_IsChwInUnitRange()
    {
        var image = new RgbImage(2, 1, [255, 0, 51, 0, 102, 0]);
        Assert.Equal(new[] { 1f, 0f, 0f, 0.4f, 0.2f, 0f }, image.ToPlanarFloat());
    }

    [Fact]
    public void FromPlanarFloat_OutOfRangeAndTies_ClampsAndRoundsHalfToEven()
    {
        // x * 255 = 0.5 -> 0, 1.5 -> 2, 2.5 -> 2; clamps at both ends; NaN -> 0.
        float[] chw = [0.5f / 255f, 1.5f / 255f, 2.5f / 255f, -3f, 7f, float.NaN];
        RgbImage image = RgbImage.FromPlanarFloat(chw, 2, 1);
        Assert.Equal(new byte[] { 0, 2, 255, 2, 0, 0 }, image.Pixels.ToArray());
    }

    [Fact]
    public void FromPlanarFloat_WrongLength_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => RgbImage.FromPlanarFloat(new float[5], 1, 2));
    }

    [Fact]
    public void Crop_TopLeftRegion_CopiesRows()
    {
        var image = new RgbImage(3, 2, [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6]);
        Assert.Equal(new byte[] { 1, 1, 1, 2, 2, 2, 4, 4, 4, 5, 5, 5 }, image.Crop(2, 2).Pixels.ToArray());
    }

    [Fact]
    public void Constructor_OversizedImage_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RgbImage(RgbImage.MaxSide + 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RgbImage(0, 1));
    }
}
