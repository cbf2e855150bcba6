using EdgeCascade.Codec.Cascade;
using EdgeCascade.Codec.Models;
using EdgeCascade.Codec.Tensors;
using EdgeCascade.Codec.Tests.Models;
using Xunit.Abstractions;

namespace EdgeCascade.Codec.Tests.Cascade;

/// <summary>Rates of the progressive stream on a family whose hyperprior matches its latents (see <see cref="RatePredictorTests"/>).</summary>
public sealed class ProgressiveRateTests : IDisposable
{
    private readonly SyntheticFamily _files = new(seed: 19);
    private readonly CascadeEngine _engine;
    private readonly ITestOutputHelper _output;

    public ProgressiveRateTests(ITestOutputHelper output)
    {
        _output = output;
        RatePredictorTests.UseGaussianTables(_files);
        _engine = new CascadeEngine(ModelFamily.Load(_files.Directory));
    }

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Encode_AllLayers_CostsAboutTheSingleLayerRate()
    {
        var coder = new ProgressiveCoder(_engine.Family.GetLevel(6), _engine.FamilyId, ProgressiveLayout.Default);
        Tensor latent = RatePredictorTests.ScaledLatent(SyntheticFamily.Latent[5], 32, 48, 1);
        ImageGeometry geometry = ImageGeometry.For(512, 768, 64);

        ProgressiveStream stream = coder.Encode(latent, geometry).Stream;
        int single = _engine.Encode(latent, 6, geometry).StreamBytes;

        var sizes = Enumerable.Range(0, stream.LayerCount + 1).Select(n => stream.Truncate(n).StreamBytes).ToArray();
        _output.WriteLine($"single-layer (LatentCoder) {single} B; progressive after 0..{stream.LayerCount} layers: {string.Join(", ", sizes)} B");
        for (int n = 1; n < sizes.Length; n++)
        {
            Assert.True(sizes[n] >= sizes[n - 1]);
        }

        // Conditionals of one Gaussian telescope to the single-layer code length; the rest is 16-bit pmf rounding and
        // one rANS flush per layer.
        Assert.InRange(sizes[^1], single * 0.98, (single * 1.05) + (8 * stream.LayerCount));
        Assert.True(sizes[1] < 0.5 * sizes[^1], "the coarsest layer should carry well under half the rate");
    }
}
