namespace EdgeCascade.Actors.Messages;

/// <summary>
/// One hop's bitstream: handed by a node to its outgoing <c>ILinkPort</c>, and delivered unchanged by
/// the link to the receiving node once serialized and propagated.
/// </summary>
/// <param name="Image">The image's accounting.</param>
/// <param name="StageIndex">Position on the flow's path of the node that must process it next.</param>
/// <param name="Bits">Size of the bitstream on the wire.</param>
/// <param name="Payload">The bitstream itself (real codec), or null under profile fidelity.</param>
/// <param name="Riders">
/// The same image in the other flows of its source whose plans agree with <paramref name="Image"/>'s flow up to this
/// hop: one latent crosses the link for all of them. Null or empty for a flow of its own.
/// </param>
public sealed record HopTransfer(ImageTrace Image, int StageIndex, long Bits, object? Payload = null, IReadOnlyList<ImageTrace>? Riders = null);
