namespace EdgeCascade.Cli.Evaluation;

/// <summary>One image coded at one level: the real .ecb size and what decoding it gives back.</summary>
/// <param name="MsSsimDb">-10 log10(1 - MS-SSIM); null when a side is under 161 pixels (five scales do not fit).</param>
/// <param name="ImageIndex">Position of the image in the folder's order (names need not be unique: a.png and a.ppm).</param>
internal sealed record ImageLevelResult(
    int ImageIndex,
    string Image,
    int Level,
    int Bytes,
    double BitsPerPixel,
    double Psnr,
    double? MsSsimDb,
    double EncodeSeconds,
    double DecodeSeconds);
