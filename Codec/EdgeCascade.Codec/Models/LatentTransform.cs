using EdgeCascade.Codec.Layers;
using EdgeCascade.Codec.Tensors;
using EdgeCascade.Codec.Weights;

namespace EdgeCascade.Codec.Models;

/// <summary>
/// HCF transform φ_{k→k-1} (Hierarchical Cascade Framework, AAAI; HCF Fig. 2(b), reduced per
/// models/ARCHITECTURE.md): maps a level-k latent (M_k channels) to a level-(k-1) latent (M_{k-1}
/// channels) at the same spatial size, so a relay can re-encode at a lower level without pixels.
/// </summary>
/// <remarks>
/// <code>
///  x ──┬── skip: conv1x1 (M_k → M_{k-1}) ──────────────────────────────────────────────┐
///      └── body: conv1x1 (M_k → W) ─ ResidualGdn ─ Attention ─ ResidualLrelu ─ conv1x1 (W → M_{k-1}) ─ (+) ─ out
/// </code>
/// </remarks>
public sealed class LatentTransform : ILayer
{
    private LatentTransform(PhiType type, int fromLevel, Conv2d skip, Sequential body, int width, string source)
    {
        Type = type;
        FromLevel = fromLevel;
        Skip = skip;
        Body = body;
        Width = width;
        Source = source;
    }

    public PhiType Type { get; }

    /// <summary>k: the level of the input latent.</summary>
    public int FromLevel { get; }

    /// <summary>k - 1: the level of the output latent.</summary>
    public int ToLevel => FromLevel - 1;

    public int InChannels => Skip.InChannels;

    public int OutChannels => Skip.OutChannels;

    /// <summary>W: width of the body.</summary>
    public int Width { get; }

    public Conv2d Skip { get; }

    public Sequential Body { get; }

    public string Source { get; }

    public static LatentTransform Load(string path, PhiType type, int fromLevel, int inChannels, int outChannels, int width) =>
        FromFile(SafeTensorsFile.Open(path), type, fromLevel, inChannels, outChannels, width);

    public static LatentTransform FromFile(SafeTensorsFile file, PhiType type, int fromLevel, int inChannels, int outChannels, int width)
    {
        ArgumentNullException.ThrowIfNull(file);
        var source = new FileWeightSource(file);
        (Conv2d skip, Sequential body) = ModelArchitecture.BuildTransform(source, inChannels, outChannels, width);
        source.RequireNoUnexpected(ModelArchitecture.TransformPrefixes);
        return new LatentTransform(type, fromLevel, skip, body, width, file.Source);
    }

    public TensorShape OutputShape(TensorShape input) => Skip.OutputShape(input);

    public LayerCost Cost(TensorShape input)
    {
        TensorShape output = OutputShape(input);
        LayerCost skip = Skip.Cost(input);
        LayerCost body = Body.Cost(input).Holding(output.ByteCount);
        return skip.Then(body).AddFlops(output.ElementCount);
    }

    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Tensor output = Skip.Forward(input);
        TensorOps.AddInPlace(output, Body.Forward(input));
        return output;
    }

    public override string ToString() => $"LatentTransform({Type}, {FromLevel}->{ToLevel}, {InChannels}->{OutChannels}, W={Width})";
}
