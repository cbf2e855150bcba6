using EdgeCascade.Codec.Bitstreams;
using EdgeCascade.Codec.Imaging;
using EdgeCascade.Codec.Models;
using EdgeCascade.Codec.Tensors;

namespace EdgeCascade.Codec.Cascade;

/// <summary>
/// The HCF operators of one model family (HCF §3.2): g_a^s, φ^intra, Q/E/D per level, φ^inter and g_s^d.
/// Node stages call these one at a time; <see cref="CascadeRunner"/> chains them for whole-path runs.
/// Levels and coders are loaded on first use and cached, so a relay only loads the levels it touches.
/// </summary>
public sealed class CascadeEngine
{
    private readonly ModelFamily _family;
    private readonly Dictionary<int, LatentCoder> _coders = [];
    private readonly Lock _gate = new();

    public CascadeEngine(ModelFamily family)
    {
        ArgumentNullException.ThrowIfNull(family);
        _family = family;
    }

    public ModelFamily Family => _family;

    public string FamilyId => _family.FamilyId;

    public int Levels => _family.Levels;

    /// <summary>The geometry an image of this size is coded with.</summary>
    public ImageGeometry GeometryFor(int height, int width) => ImageGeometry.For(height, width, _family.Card.PaddingMultiple);

    /// <summary>g_a^s: pixels to the unquantized level-s latent ỹ^s (source only).</summary>
    public Tensor Analyze(RgbImage image, int level, out ImageGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(image);
        geometry = GeometryFor(image.Height, image.Width);
        var pixels = Tensor.FromValues(new TensorShape(1, 3, image.Height, image.Width), image.ToPlanarFloat());
        var padded = TensorOps.PadBottomRight(pixels, geometry.PaddedHeight, geometry.PaddedWidth);
        return _family.GetLevel(level).Analysis.Forward(padded);
    }

    /// <summary>φ^intra_{k→k−1}: transforms an unquantized level-k latent to level k−1 on the same node.</summary>
    public Tensor Intra(Tensor latent, int fromLevel) => _family.GetTransform(PhiType.Intra, fromLevel).Forward(latent);

    /// <summary>φ^inter_{k→k−1}: transforms a decoded (quantized) level-k latent to level k−1.</summary>
    public Tensor Inter(Tensor quantizedLatent, int fromLevel) => _family.GetTransform(PhiType.Inter, fromLevel).Forward(quantizedLatent);

    /// <summary>Q^k, E^k: the packet to transmit and the quantized latent it decodes to.</summary>
    public CodedLatent Encode(Tensor latent, int level, ImageGeometry geometry) => Coder(level).Encode(latent, geometry);

    /// <summary>D^k of a received packet.</summary>
    /// <exception cref="BitstreamException">Wrong family, unknown level or corrupt streams.</exception>
    public Tensor Decode(LatentPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        if (packet.Level < 1 || packet.Level > Levels)
        {
            throw new BitstreamException($"packet level {packet.Level} is outside 1..{Levels} of family '{FamilyId}'");
        }

        return Coder(packet.Level).Decode(packet);
    }

    /// <summary>g_s^d: the quantized level-d latent to pixels, cropped to the original size and rounded to 8 bits.</summary>
    public RgbImage Synthesize(Tensor quantizedLatent, int level, ImageGeometry geometry)
    {
        var reconstruction = _family.GetLevel(level).Synthesis.Forward(quantizedLatent);
        var cropped = TensorOps.Crop(reconstruction, geometry.Height, geometry.Width);
        return RgbImage.FromPlanarFloat(cropped.Span, geometry.Width, geometry.Height);
    }

    /// <summary>The .ecb container of a single-stage (SSF) encode at <paramref name="level"/>.</summary>
    public EcbContainer EncodeImage(RgbImage image, int level)
    {
        var latent = Analyze(image, level, out var geometry);
        var packet = Encode(latent, level, geometry).Packet;
        return new EcbContainer(FamilyId, level, geometry.Height, geometry.Width, geometry.PadBottom, geometry.PadRight,
            packet.HyperShape, packet.HyperStream, packet.MainStream);
    }

    /// <summary>Decodes an .ecb container to pixels.</summary>
    /// <exception cref="BitstreamException">Wrong family, level outside the family, or corrupt streams.</exception>
    public RgbImage DecodeImage(EcbContainer container)
    {
        ArgumentNullException.ThrowIfNull(container);
        if (container.FamilyId != FamilyId)
        {
            throw new BitstreamException($"file was coded by model family '{container.FamilyId}', these models are '{FamilyId}'; pass --models for that family");
        }

        if (container.Level < 1 || container.Level > Levels)
        {
            throw new BitstreamException($"file level {container.Level} is outside 1..{Levels} of family '{FamilyId}'");
        }

        var geometry = new ImageGeometry(container.ImageHeight, container.ImageWidth, container.PadBottom, container.PadRight);
        if (geometry.PaddedHeight != container.HyperShape.Height * ModelArchitecture.HyperLatentStride
            || geometry.PaddedWidth != container.HyperShape.Width * ModelArchitecture.HyperLatentStride)
        {
            throw new BitstreamException(
                $"image {container.ImageWidth}x{container.ImageHeight} with padding does not match the hyper-latent {container.HyperShape}; the file is corrupt");
        }

        const int HyperToLatent = ModelArchitecture.HyperLatentStride / ModelArchitecture.LatentStride;
        var latentShape = new LatentShape(
            _family.Card.LatentChannels(container.Level), container.HyperShape.Height * HyperToLatent, container.HyperShape.Width * HyperToLatent);
        var packet = new LatentPacket(FamilyId, container.Level, latentShape, container.HyperShape, container.HyperStream, container.MainStream,
            container.ImageHeight, container.ImageWidth, container.PadBottom, container.PadRight);
        return Synthesize(Decode(packet), container.Level, geometry);
    }

    private LatentCoder Coder(int level)
    {
        lock (_gate)
        {
            if (!_coders.TryGetValue(level, out var coder))
            {
                coder = new LatentCoder(_family.GetLevel(level), FamilyId);
                _coders[level] = coder;
            }

            return coder;
        }
    }
}
