using EdgeCascade.Codec.Layers;
using EdgeCascade.Codec.Weights;

namespace EdgeCascade.Codec.Models;

/// <summary>
/// The <c>ec-mshp-v1</c> architecture of models/ARCHITECTURE.md, the single place that names and shapes its
/// tensors: loaders build from it, and <see cref="LevelTensors"/>/<see cref="TransformTensors"/> list the
/// same names for tools and tests.
/// </summary>
public static class ModelArchitecture
{
    /// <summary>Downsampling of g_a (4 stride-2 convs).</summary>
    public const int LatentStride = 16;

    /// <summary>Downsampling of g_a then h_a (6 stride-2 convs): inputs are padded to a multiple of this.</summary>
    public const int HyperLatentStride = 64;

    /// <summary>Rows of the Gaussian conditional scale table (CompressAI's GaussianConditional).</summary>
    public const int ScaleLevels = 64;

    internal static readonly string[] LevelPrefixes = ["g_a.", "g_s.", "h_a.", "h_s."];

    internal static readonly string[] TransformPrefixes = ["skip.", "body."];

    /// <summary>Learned tensors of a level model (tables excluded) with N hyper and M latent channels.</summary>
    public static IReadOnlyList<TensorSpec> LevelTensors(int n, int m)
    {
        var recorder = new SpecRecorder();
        BuildLevel(recorder, n, m);
        return recorder.Specs;
    }

    /// <summary>Learned tensors of φ from <paramref name="inChannels"/> to <paramref name="outChannels"/> at width W.</summary>
    public static IReadOnlyList<TensorSpec> TransformTensors(int inChannels, int outChannels, int width)
    {
        var recorder = new SpecRecorder();
        BuildTransform(recorder, inChannels, outChannels, width);
        return recorder.Specs;
    }

    /// <summary>g_a, g_s, h_a, h_s with the PyTorch <c>nn.Sequential</c> indices as tensor names.</summary>
    internal static (Sequential Analysis, Sequential Synthesis, Sequential HyperAnalysis, Sequential HyperSynthesis) BuildLevel(IWeightSource source, int n, int m)
    {
        var analysis = new Sequential(
            ModuleBuilder.Conv(source, "g_a.0", 3, n, 5, 2),
            ModuleBuilder.Gdn(source, "g_a.1", n),
            ModuleBuilder.Conv(source, "g_a.2", n, n, 5, 2),
            ModuleBuilder.Gdn(source, "g_a.3", n),
            ModuleBuilder.Conv(source, "g_a.4", n, n, 5, 2),
            ModuleBuilder.Gdn(source, "g_a.5", n),
            ModuleBuilder.Conv(source, "g_a.6", n, m, 5, 2));
        var synthesis = new Sequential(
            ModuleBuilder.Conv(source, "g_s.0", m, 4 * n, 3),
            new PixelShuffle(2),
            ModuleBuilder.InverseGdn(source, "g_s.2", n),
            ModuleBuilder.Conv(source, "g_s.3", n, 4 * n, 3),
            new PixelShuffle(2),
            ModuleBuilder.InverseGdn(source, "g_s.5", n),
            ModuleBuilder.Conv(source, "g_s.6", n, 4 * n, 3),
            new PixelShuffle(2),
            ModuleBuilder.InverseGdn(source, "g_s.8", n),
            ModuleBuilder.Conv(source, "g_s.9", n, 12, 3),
            new PixelShuffle(2));
        var hyperAnalysis = new Sequential(
            ModuleBuilder.Conv(source, "h_a.0", m, n, 3),
            LeakyRelu.Default,
            ModuleBuilder.Conv(source, "h_a.2", n, n, 5, 2),
            LeakyRelu.Default,
            ModuleBuilder.Conv(source, "h_a.4", n, n, 5, 2));
        var hyperSynthesis = new Sequential(
            ModuleBuilder.Conv(source, "h_s.0", n, 4 * n, 3),
            new PixelShuffle(2),
            LeakyRelu.Default,
            ModuleBuilder.Conv(source, "h_s.3", n, 4 * n, 3),
            new PixelShuffle(2),
            LeakyRelu.Default,
            ModuleBuilder.Conv(source, "h_s.6", n, 2 * m, 3));
        return (analysis, synthesis, hyperAnalysis, hyperSynthesis);
    }

    /// <summary>φ: <c>skip</c> (1x1, the linear path) and <c>body</c> (1x1, ResidualGdn, Attention, ResidualLrelu, 1x1).</summary>
    internal static (Conv2d Skip, Sequential Body) BuildTransform(IWeightSource source, int inChannels, int outChannels, int width)
    {
        if (width < 2 || width % 2 != 0)
        {
            throw new WeightsException($"φ width {width} must be even (the attention units halve it).");
        }

        Conv2d skip = ModuleBuilder.Conv(source, "skip", inChannels, outChannels, 1);
        var body = new Sequential(
            ModuleBuilder.Conv(source, "body.0", inChannels, width, 1),
            new ResidualGdn(
                ModuleBuilder.Conv(source, "body.1.conv1", width, width, 3),
                ModuleBuilder.Conv(source, "body.1.conv2", width, width, 3),
                ModuleBuilder.Gdn(source, "body.1.gdn", width)),
            new AttentionBlock(
                [ModuleBuilder.Unit(source, "body.2.conv_a.0", width), ModuleBuilder.Unit(source, "body.2.conv_a.1", width), ModuleBuilder.Unit(source, "body.2.conv_a.2", width)],
                [ModuleBuilder.Unit(source, "body.2.conv_b.0", width), ModuleBuilder.Unit(source, "body.2.conv_b.1", width), ModuleBuilder.Unit(source, "body.2.conv_b.2", width)],
                ModuleBuilder.Conv(source, "body.2.conv_b.3", width, width, 1)),
            new ResidualLrelu(
                ModuleBuilder.Conv(source, "body.3.conv1", width, width, 3),
                ModuleBuilder.Conv(source, "body.3.conv2", width, width, 3)),
            ModuleBuilder.Conv(source, "body.4", width, outChannels, 1));
        return (skip, body);
    }
}
