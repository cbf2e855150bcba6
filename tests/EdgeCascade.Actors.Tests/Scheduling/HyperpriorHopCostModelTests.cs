using EdgeCascade.Actors.Policies;
using EdgeCascade.Actors.Scheduling;
using EdgeCascade.Codec.Cascade;
using EdgeCascade.Codec.Imaging;
using EdgeCascade.Codec.Layers;
using EdgeCascade.Codec.Models;
using EdgeCascade.Codec.Tensors;
using EdgeCascade.Codec.Tests.Models;

namespace EdgeCascade.Actors.Tests.Scheduling;

public sealed class HyperpriorHopCostModelTests : IDisposable
{
    private readonly SyntheticFamily _files = new(seed: 21);
    private readonly CascadeEngine _engine;
    private readonly RgbImage _reference = Image(96, 64, 1);
    private readonly HyperpriorHopCostModel _model;

    public HyperpriorHopCostModelTests()
    {
        _engine = new CascadeEngine(ModelFamily.Load(_files.Directory));
        _model = new HyperpriorHopCostModel(_engine, _reference);
    }

    public void Dispose() => _files.Dispose();

    [Fact]
    public void PredictBits_TransmitAtSource_IsRatePredictorOnTheAnalysisLatent()
    {
        Tensor latent = _engine.Analyze(_reference, 4, out ImageGeometry geometry);
        double expected = new RatePredictor(_engine.Family.GetLevel(4)).Predict(latent).Bits(RateEstimate.Likelihood) / geometry.Pixels;

        Assert.Equal(expected * 640 * 480, _model.PredictBits(QuantizationPolicy.FromBits(4, 1), 640, 480), 6);
    }

    [Fact]
    public void PredictBits_PolicyPrefix_RunsIntraAndInterTransformsLikeTheCascade()
    {
        QuantizationPolicy policy = QuantizationPolicy.FromBits(4, 1, 0, 1);
        Tensor latent = _engine.Analyze(_reference, 4, out ImageGeometry geometry);
        _ = new RatePredictor(_engine.Family.GetLevel(4)).Predict(latent, out Tensor quantized);
        Tensor level2 = _engine.Intra(_engine.Inter(quantized, 4), 3);
        double expected = new RatePredictor(_engine.Family.GetLevel(2)).Predict(level2).Bits(RateEstimate.Likelihood) / geometry.Pixels;

        Assert.Equal(expected * 100 * 100, _model.PredictBits(policy.Prefix(2), 100, 100), 6);
    }

    [Fact]
    public void PredictBits_ScalesWithPixelCountAndRepeats()
    {
        QuantizationPolicy prefix = QuantizationPolicy.FromBits(6, 0, 1);

        double once = _model.PredictBits(prefix, 320, 240);

        Assert.Equal(2 * once, _model.PredictBits(prefix, 640, 240), 6);
        Assert.Equal(once, _model.PredictBits(prefix, 320, 240));
        Assert.Equal(once, new HyperpriorHopCostModel(_engine, _reference).PredictBits(prefix, 320, 240));
        Assert.True(once > 0);
    }

    [Fact]
    public void PredictBits_DifferentialEntropyEstimate_UsesScalesOnly()
    {
        var model = new HyperpriorHopCostModel(_engine, _reference, RateEstimate.DifferentialEntropy);
        Tensor latent = _engine.Analyze(_reference, 3, out ImageGeometry geometry);
        RatePrediction prediction = new RatePredictor(_engine.Family.GetLevel(3)).Predict(latent);

        Assert.Equal(
            prediction.Bits(RateEstimate.DifferentialEntropy) / geometry.Pixels,
            model.PredictBitsPerPixel(QuantizationPolicy.FromBits(3, 1)),
            9);
    }

    [Fact]
    public void Cost_EachOperator_MapsToItsTransforms()
    {
        LevelModel level = _engine.Family.GetLevel(4);
        LevelModelCost costs = level.Cost(200, 300);
        TensorShape latent = level.Analysis.OutputShape(new TensorShape(1, 3, 256, 320));

        AssertCost(costs.Analysis, _model.Cost(StageOp.Analysis(4), 300, 200));
        AssertCost(costs.HyperAnalysis.Then(costs.HyperSynthesis), _model.Cost(StageOp.QuantizeEncode(4), 300, 200));
        AssertCost(costs.HyperSynthesis, _model.Cost(StageOp.Decode(4), 300, 200));
        AssertCost(costs.Synthesis, _model.Cost(StageOp.Synthesis(4), 300, 200));
        AssertCost(_engine.Family.GetTransform(PhiType.Inter, 4).Cost(latent), _model.Cost(StageOp.InterTransform(4), 300, 200));
        AssertCost(_engine.Family.GetTransform(PhiType.Intra, 4).Cost(latent), _model.Cost(StageOp.IntraTransform(4), 300, 200));
    }

    [Fact]
    public void Cost_TransformsAreCheaperThanDecodePlusReencode()
    {
        OperationCost inter = _model.Cost(StageOp.InterTransform(5), 512, 512);
        double recompress = _model.Cost(StageOp.Synthesis(5), 512, 512).Flops + _model.Cost(StageOp.Analysis(4), 512, 512).Flops;

        Assert.True(inter.Flops < recompress);
    }

    [Fact]
    public void EdgeFirstScheduler_AmpleBudgets_ChoosesEdgePolicyWithPredictedHopBits()
    {
        SchedulingDecision decision = new EdgeFirstScheduler().Choose(TestCostModels.Ample(4, 1, 2), _model);

        Assert.Equal("[1,0,0,1]", decision.Policy.ToString());
        Assert.True(decision.Feasible);
        Assert.All(decision.Hops, hop => Assert.True(hop.PredictedBits > 0));
    }

    [Fact]
    public void PredictAndCost_InvalidArguments_Throw()
    {
        Assert.ThrowsAny<ArgumentException>(() => _model.PredictBits(QuantizationPolicy.FromBits(7, 1), 64, 64));
        Assert.ThrowsAny<ArgumentException>(() => _model.PredictBits(QuantizationPolicy.FromBits(4, 1), 0, 64));
        Assert.ThrowsAny<ArgumentException>(() => _model.Cost(StageOp.Analysis(7), 64, 64));
        Assert.ThrowsAny<ArgumentException>(() => _model.Cost(StageOp.Decode(2), 64, -1));
    }

    private static void AssertCost(LayerCost expected, OperationCost actual)
    {
        Assert.Equal(expected.Flops, actual.Flops);
        Assert.Equal(expected.PeakActivationBytes + (expected.Parameters * sizeof(float)), actual.PeakMemoryBytes);
    }

    private static RgbImage Image(int width, int height, int seed)
    {
        var random = new Random(seed);
        var image = new RgbImage(width, height);
        Span<byte> pixels = image.Pixels;
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(((i % (3 * width)) * 255 / (3 * width)) + random.Next(24));
        }

        return image;
    }
}
