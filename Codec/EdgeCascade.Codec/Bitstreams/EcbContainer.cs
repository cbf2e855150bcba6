namespace EdgeCascade.Codec.Bitstreams;

/// <summary>
/// Contents of an <c>.ecb</c> file: one image coded by the level <paramref name="Level"/> model of family
/// <paramref name="FamilyId"/>. The coded image was zero-padded on the right and bottom to
/// (ImageHeight + PadBottom) x (ImageWidth + PadRight); the decoder crops the padding away.
/// </summary>
/// <param name="FamilyId">Model family, e.g. <c>ec-mshp-v1</c>.</param>
/// <param name="Level">Quality level, 1-based.</param>
/// <param name="ImageHeight">Height of the original image in pixels.</param>
/// <param name="ImageWidth">Width of the original image in pixels.</param>
/// <param name="PadBottom">Rows of padding added below the image.</param>
/// <param name="PadRight">Columns of padding added right of the image.</param>
/// <param name="HyperShape">Shape of the hyper-latent (entropy bottleneck input).</param>
/// <param name="HyperStream">rANS stream of the hyper-latent symbols.</param>
/// <param name="MainStream">rANS stream of the main latent symbols.</param>
public sealed record EcbContainer(
    string FamilyId,
    int Level,
    int ImageHeight,
    int ImageWidth,
    int PadBottom,
    int PadRight,
    LatentShape HyperShape,
    ReadOnlyMemory<byte> HyperStream,
    ReadOnlyMemory<byte> MainStream)
{
    /// <summary>Format version this build writes and the newest it reads.</summary>
    public const byte FormatVersion = 1;

    /// <summary>First four bytes of every <c>.ecb</c> file.</summary>
    public static ReadOnlySpan<byte> Magic => "ECB1"u8;
}
