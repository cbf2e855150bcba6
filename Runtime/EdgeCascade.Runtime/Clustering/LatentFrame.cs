using EdgeCascade.Runtime.Transport;

namespace EdgeCascade.Runtime.Clustering;

/// <summary>
/// One payload on its way between two nodes of the cluster: the envelope (flow, image id, hop, level, CRC of the
/// payload) and the bytes themselves (an image file at hop 0, a latent packet after). Carried by Akka.Delivery and
/// written on the wire by <see cref="Serialization.LatentFrameSerializer"/>, never by Hyperion: it is the only
/// large message, and its bytes must arrive checked.
/// </summary>
/// <param name="Envelope">What the payload is.</param>
/// <param name="Payload">
/// The bytes, never written to again by anyone (a publisher's payload, or a slice of the buffer the frame was read
/// from): frames share them instead of copying 16 KiB or more per hop.
/// </param>
public sealed record LatentFrame(Envelope Envelope, ReadOnlyMemory<byte> Payload);
