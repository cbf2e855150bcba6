using EdgeCascade.Codec.Bitstreams;
using EdgeCascade.Codec.Entropy;
using EdgeCascade.Codec.Models;
using EdgeCascade.Codec.RangeCoding;
using EdgeCascade.Codec.Tensors;

namespace EdgeCascade.Codec.Cascade;

/// <summary>
/// The entropy-coding path of one level: Q^k, E^k and D^k of HCF Eq. 6, with the level's own hyperprior
/// (h_a^k, entropy bottleneck, h_s^k, Gaussian conditional). Encoder and decoder run the same float code on the
/// same decoded hyper-latent, so both derive identical means and CDF indexes.
/// </summary>
public sealed class LatentCoder
{
    private readonly LevelModel _model;
    private readonly string _familyId;
    private readonly HyperLatentCoder _hyper;
    private readonly GaussianConditionalTables _gaussian;

    public LatentCoder(LevelModel model, string familyId)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(familyId);
        _model = model;
        _familyId = familyId;
        _hyper = new HyperLatentCoder(model);
        _gaussian = HyperpriorLayout.GaussianTables(model);
    }

    public int Level => _model.Level;

    /// <summary>Quantizes and entropy-codes the level-k latent ỹ^k.</summary>
    public CodedLatent Encode(Tensor latent, ImageGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(latent);
        if (latent.C != _model.LatentChannels)
        {
            throw new ArgumentException($"level {Level} codes {_model.LatentChannels}-channel latents, got {latent.Shape}", nameof(latent));
        }

        var hyper = _hyper.Quantize(latent);
        var hyperStream = _hyper.Encode(hyper);
        var (scales, means) = _model.EntropyParameters(hyper.Decoded);
        var indexes = new int[latent.Length];
        _gaussian.BuildIndexes(scales.Span, indexes);
        var symbols = new int[latent.Length];
        var quantized = new Tensor(latent.Shape);
        var values = latent.Span;
        var meanValues = means.Span;
        var output = quantized.Span;
        for (var i = 0; i < symbols.Length; i++)
        {
            // Round half to even, as torch.round does, so Python and C# agree on ties.
            var symbol = (int)MathF.Round(values[i] - meanValues[i], MidpointRounding.ToEven);
            symbols[i] = symbol;
            output[i] = symbol + meanValues[i];
        }

        var encoder = new RansEncoder();
        encoder.EncodeWithIndexes(symbols, indexes, _gaussian.Cdfs);
        var mainStream = encoder.Flush();
        var packet = new LatentPacket(
            _familyId, Level, Shape(latent), Shape(hyper.Decoded), hyperStream, mainStream,
            geometry.Height, geometry.Width, geometry.PadBottom, geometry.PadRight);
        return new CodedLatent(packet, quantized);
    }

    /// <summary>D^k: entropy-decodes a packet coded at this level back to ŷ^k.</summary>
    /// <exception cref="BitstreamException">The packet is for another family or level, has impossible shapes, or its streams are corrupt.</exception>
    public Tensor Decode(LatentPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        CheckPacket(packet);
        var decodedHyper = _hyper.Decode(packet.HyperShape, packet.HyperStream);
        var (scales, means) = _model.EntropyParameters(decodedHyper);
        var expected = new TensorShape(1, packet.LatentShape.Channels, packet.LatentShape.Height, packet.LatentShape.Width);
        if (scales.Shape != expected)
        {
            throw new BitstreamException(
                $"latent shape {expected} does not match the hyper-latent {decodedHyper.Shape} (expected {scales.Shape}); the packet is corrupt, re-send it");
        }

        var indexes = new int[expected.ElementCount];
        _gaussian.BuildIndexes(scales.Span, indexes);
        var symbols = new int[indexes.Length];
        var decoder = new RansDecoder(packet.MainStream);
        decoder.DecodeWithIndexes(symbols, indexes, _gaussian.Cdfs);
        decoder.EnsureFullyConsumed();
        var quantized = new Tensor(expected);
        var output = quantized.Span;
        var meanValues = means.Span;
        for (var i = 0; i < symbols.Length; i++)
        {
            output[i] = symbols[i] + meanValues[i];
        }

        return quantized;
    }

    private void CheckPacket(LatentPacket packet)
    {
        if (packet.FamilyId != _familyId)
        {
            throw new BitstreamException($"packet is from model family '{packet.FamilyId}', this node runs '{_familyId}'; use the same models on every node");
        }

        if (packet.Level != Level)
        {
            throw new BitstreamException($"packet was coded at level {packet.Level}, this decoder is level {Level}");
        }

        HyperpriorLayout.CheckShapes(packet.HyperShape, packet.LatentShape, _model, "packet");
    }

    private static LatentShape Shape(Tensor tensor) => new(tensor.C, tensor.H, tensor.W);
}
