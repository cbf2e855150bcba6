using EdgeCascade.Codec.Bitstreams;
using EdgeCascade.Codec.Tensors;

namespace EdgeCascade.Codec.Cascade;

/// <summary>The result of Q^k, E^k: the packet that crosses the hop and the quantized latent ŷ^k it decodes to.</summary>
/// <param name="Packet">Entropy-coded streams plus shapes, as sent over the wire.</param>
/// <param name="QuantizedLatent">ŷ^k = round(ỹ^k − μ) + μ, identical to what the receiver decodes.</param>
public sealed record CodedLatent(LatentPacket Packet, Tensor QuantizedLatent)
{
    /// <summary>Bytes on the wire for the two streams (the packet header adds a few more).</summary>
    public int StreamBytes => Packet.HyperStream.Length + Packet.MainStream.Length;
}
