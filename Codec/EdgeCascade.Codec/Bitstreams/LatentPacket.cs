namespace EdgeCascade.Codec.Bitstreams;

/// <summary>
/// A coded latent as it travels between nodes: enough for a relay to entropy-decode it, transform it to
/// another level and re-encode it without pixels, and for the destination to crop the final image.
/// </summary>
/// <param name="FamilyId">Model family, e.g. <c>ec-mshp-v1</c>.</param>
/// <param name="Level">Level whose entropy model coded the streams, 1-based.</param>
/// <param name="LatentShape">Shape of the main latent.</param>
/// <param name="HyperShape">Shape of the hyper-latent.</param>
/// <param name="HyperStream">rANS stream of the hyper-latent symbols.</param>
/// <param name="MainStream">rANS stream of the main latent symbols.</param>
/// <param name="ImageHeight">Height of the original image in pixels.</param>
/// <param name="ImageWidth">Width of the original image in pixels.</param>
/// <param name="PadBottom">Rows of padding below the image.</param>
/// <param name="PadRight">Columns of padding right of the image.</param>
public sealed record LatentPacket(
    string FamilyId,
    int Level,
    LatentShape LatentShape,
    LatentShape HyperShape,
    ReadOnlyMemory<byte> HyperStream,
    ReadOnlyMemory<byte> MainStream,
    int ImageHeight,
    int ImageWidth,
    int PadBottom,
    int PadRight)
{
    /// <summary>Format version this build writes and the newest it reads.</summary>
    public const byte FormatVersion = 1;

    /// <summary>First four bytes of every packet.</summary>
    public static ReadOnlySpan<byte> Magic => "ECL1"u8;
}
