using EdgeCascade.Codec.Layers;
using EdgeCascade.Codec.Models;
using EdgeCascade.Codec.Tensors;

namespace EdgeCascade.Codec.Tests.Models;

public class ModelCostTests
{
    [Fact]
    public void LevelCost_512x768_MatchesClosedForm()
    {
        using var family = new SyntheticFamily();
        LevelModel model = ModelFamily.Load(family.Directory).GetLevel(4);
        const int N = SyntheticFamily.Hyper;
        const int M = 12;

        LevelModelCost cost = model.Cost(512, 768);

        // g_a: four k5 s2 convs at 256x384, 128x192, 64x96, 32x48 outputs, plus three GDNs.
        long expectedAnalysis =
            ConvFlops(3, N, 25, 256 * 384) + ConvFlops(N, N, 25, 128 * 192) + ConvFlops(N, N, 25, 64 * 96) + ConvFlops(N, M, 25, 32 * 48)
            + GdnFlops(N, 256 * 384) + GdnFlops(N, 128 * 192) + GdnFlops(N, 64 * 96);
        Assert.Equal(expectedAnalysis, cost.Analysis.Flops);

        long expectedHyperSynthesis = ConvFlops(N, 4 * N, 9, 8 * 12) + ConvFlops(N, 4 * N, 9, 16 * 24) + ConvFlops(N, 2 * M, 9, 32 * 48)
            + (2 * N * 16 * 24) + (2 * N * 32 * 48);
        Assert.Equal(expectedHyperSynthesis, cost.HyperSynthesis.Flops);

        long parameters = ModelArchitecture.LevelTensors(N, M).Sum(s => (long)s.ElementCount);
        Assert.Equal(parameters, cost.Total.Parameters);
        Assert.Equal(cost.Analysis.Flops + cost.HyperAnalysis.Flops + cost.HyperSynthesis.Flops, cost.Encode.Flops);
        Assert.Equal(cost.HyperSynthesis.Flops + cost.Synthesis.Flops, cost.Decode.Flops);

        // Largest live pair in g_a: the 3-channel input (plus its polyphase copy) and the first N x 256 x 384 output.
        long imageBytes = 3L * 512 * 768 * 4;
        Assert.True(cost.Analysis.PeakActivationBytes >= imageBytes + (N * 256L * 384 * 4));
    }

    [Fact]
    public void LevelCost_UnpaddedSize_IsChargedAsPadded()
    {
        using var family = new SyntheticFamily();
        LevelModel model = ModelFamily.Load(family.Directory).GetLevel(1);
        Assert.Equal(model.Cost(512, 768), model.Cost(500, 720));
    }

    [Fact]
    public void TransformCost_CountsEveryParameter()
    {
        using var family = new SyntheticFamily();
        LatentTransform phi = ModelFamily.Load(family.Directory).GetTransform(PhiType.Intra, 6);
        var latent = new TensorShape(1, 12, 32, 48);

        LayerCost cost = phi.Cost(latent);

        Assert.Equal(ModelArchitecture.TransformTensors(12, 12, 8).Sum(s => (long)s.ElementCount), cost.Parameters);
        Assert.True(cost.Flops > 2L * cost.Parameters * 32 * 48 / 2);
    }

    private static long ConvFlops(int inChannels, int outChannels, int taps, int outputPixels) =>
        (2L * inChannels * taps * outChannels * outputPixels) + ((long)outChannels * outputPixels);

    private static long GdnFlops(int channels, int pixels) => (2L * channels * channels * pixels) + (4L * channels * pixels);
}
