using EdgeCascade.Codec.Imaging;

namespace EdgeCascade.Cli.Evaluation;

/// <summary>One image coded by a classic codec at one quality: the compressed file size and its decoded pixels.</summary>
internal sealed record ClassicCoding(int Quality, long Bytes, RgbImage Decoded);
