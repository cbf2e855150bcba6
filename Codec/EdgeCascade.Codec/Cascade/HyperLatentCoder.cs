using EdgeCascade.Codec.Bitstreams;
using EdgeCascade.Codec.Entropy;
using EdgeCascade.Codec.Models;
using EdgeCascade.Codec.RangeCoding;
using EdgeCascade.Codec.Tensors;

namespace EdgeCascade.Codec.Cascade;

/// <summary>
/// The side-information path of a level (h_a and the entropy bottleneck), shared by the latent coder, the
/// progressive coder and the rate predictor so all three quantize and code ẑ identically.
/// </summary>
internal sealed class HyperLatentCoder
{
    private readonly LevelModel _model;

    public HyperLatentCoder(LevelModel model)
    {
        _model = model;
        Tables = CdfTable.Create(model.BottleneckTables.QuantizedCdf, model.BottleneckTables.Offset);
    }

    /// <summary>The entropy bottleneck's per-channel CDFs.</summary>
    public CdfTable Tables { get; }

    /// <summary>z = h_a(y), quantized around the per-channel medians (round half to even, as torch.round).</summary>
    public QuantizedHyperLatent Quantize(Tensor latent)
    {
        Tensor hyperLatent = _model.HyperAnalysis.Forward(latent);
        var symbols = new int[hyperLatent.Length];
        var indexes = new int[hyperLatent.Length];
        HyperpriorLayout.FillChannelIndexes(hyperLatent.Shape, indexes);
        var decoded = new Tensor(hyperLatent.Shape);
        ReadOnlySpan<float> values = hyperLatent.Span;
        Span<float> output = decoded.Span;
        for (int i = 0; i < symbols.Length; i++)
        {
            float median = _model.Medians[indexes[i]];
            int symbol = (int)MathF.Round(values[i] - median, MidpointRounding.ToEven);
            symbols[i] = symbol;
            output[i] = symbol + median;
        }

        return new QuantizedHyperLatent(decoded, symbols, indexes);
    }

    /// <summary>The rANS stream of ẑ's symbols.</summary>
    public byte[] Encode(QuantizedHyperLatent hyper)
    {
        var encoder = new RansEncoder();
        encoder.EncodeWithIndexes(hyper.Symbols, hyper.Indexes, Tables);
        return encoder.Flush();
    }

    /// <summary>ẑ from its stream; the stream must be consumed exactly.</summary>
    /// <exception cref="BitstreamException">Corrupt or truncated stream.</exception>
    public Tensor Decode(LatentShape shape, ReadOnlyMemory<byte> stream)
    {
        var tensorShape = new TensorShape(1, shape.Channels, shape.Height, shape.Width);
        var symbols = new int[tensorShape.ElementCount];
        var indexes = new int[symbols.Length];
        HyperpriorLayout.FillChannelIndexes(tensorShape, indexes);
        var decoder = new RansDecoder(stream);
        decoder.DecodeWithIndexes(symbols, indexes, Tables);
        decoder.EnsureFullyConsumed();
        var decoded = new Tensor(tensorShape);
        Span<float> output = decoded.Span;
        for (int i = 0; i < symbols.Length; i++)
        {
            output[i] = symbols[i] + _model.Medians[indexes[i]];
        }

        return decoded;
    }
}
