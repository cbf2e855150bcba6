using EdgeCascade.Codec.Imaging;
using EdgeCascade.Simulation.Engine;
using EdgeCascade.Simulation.Workloads;

namespace EdgeCascade.Simulation.Tests.Workloads;

public sealed class EvalImageFolderTests
{
    [Fact]
    public void Load_MissingFolder_ThrowsInputError()
    {
        Assert.Throws<SimulationInputException>(() => EvalImageFolder.Load("/nonexistent/images"));
    }

    [Fact]
    public void Crop_LargerImage_TakesCentredSquare()
    {
        var image = new RgbImage(100, 80);
        new Random(3).NextBytes(image.Pixels);

        var cropped = EvalImageFolder.Crop(image, 64);

        Assert.Equal((64, 64), (cropped.Width, cropped.Height));
        Assert.Equal(image.Pixels.Slice(((8 * 100) + 18) * 3, 3).ToArray(), cropped.Pixels[..3].ToArray());
    }
}
