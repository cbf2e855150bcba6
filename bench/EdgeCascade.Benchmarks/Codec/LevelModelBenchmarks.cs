using BenchmarkDotNet.Attributes;
using EdgeCascade.Codec.Models;
using EdgeCascade.Codec.Tensors;

namespace EdgeCascade.Benchmarks.Codec;

/// <summary>
/// Analysis and synthesis transforms of one level model (random weights, N = 48, M = 64 as exported) on a
/// 512x768 image: encode = g_a + h_a + z rounding + h_s + y rounding; decode = h_s + g_s + crop. Entropy
/// coding is not included; φ (inter) on the 32x48 latent is measured separately.
/// </summary>
[MemoryDiagnoser]
public class LevelModelBenchmarks
{
    private const int Height = 512;
    private const int Width = 768;

    private LevelModel _model = null!;
    private LatentTransform _transform = null!;
    private Tensor _image = null!;
    private Tensor _decodedLatent = null!;
    private Tensor _decodedHyperLatent = null!;

    [GlobalSetup]
    public void Setup()
    {
        _model = RandomLevelModel.Create(hyperChannels: 48, latentChannels: 64, seed: 7);
        _transform = RandomLevelModel.CreateTransform(64, 64, 48, seed: 8);
        _image = Tensor.Random(new TensorShape(1, 3, Height, Width), seed: 3, low: 0f, high: 1f);
        Tensor latent = _model.Analysis.Forward(_image);
        _decodedHyperLatent = Round(_model.HyperAnalysis.Forward(latent));
        _decodedLatent = Round(latent);
        LevelModelCost cost = _model.Cost(Height, Width);
        Console.WriteLine($"// encode {cost.Encode}; decode {cost.Decode}; phi {_transform.Cost(latent.Shape)}");
    }

    [Benchmark]
    public Tensor Encode()
    {
        Tensor latent = _model.Analysis.Forward(TensorOps.PadToMultiple(_image, 64));
        Tensor hyperLatent = Round(_model.HyperAnalysis.Forward(latent));
        (_, Tensor means) = _model.EntropyParameters(hyperLatent);
        Span<float> values = latent.Span;
        ReadOnlySpan<float> centers = means.Span;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = MathF.Round(values[i] - centers[i], MidpointRounding.ToEven);
        }

        return latent;
    }

    [Benchmark]
    public Tensor Decode()
    {
        (_, Tensor means) = _model.EntropyParameters(_decodedHyperLatent);
        Tensor latent = TensorOps.Add(_decodedLatent, means);
        return TensorOps.Crop(_model.Synthesis.Forward(latent), Height, Width);
    }

    [Benchmark]
    public Tensor TransformInter() => _transform.Forward(_decodedLatent);

    private static Tensor Round(Tensor tensor)
    {
        Tensor rounded = tensor.Clone();
        Span<float> values = rounded.Span;
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = MathF.Round(values[i], MidpointRounding.ToEven);
        }

        return rounded;
    }
}
