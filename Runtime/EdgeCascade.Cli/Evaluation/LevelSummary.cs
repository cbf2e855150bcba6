namespace EdgeCascade.Cli.Evaluation;

/// <summary>
/// One level averaged over the images, as CompressAI's eval averages: the arithmetic mean of each per-image value
/// (bpp, PSNR, MS-SSIM in dB, seconds), so every image weighs the same whatever its size.
/// </summary>
internal sealed record LevelSummary(int Level, double BitsPerPixel, double Psnr, double? MsSsimDb, double EncodeSeconds, double DecodeSeconds)
{
    public static LevelSummary Of(int level, IReadOnlyList<ImageLevelResult> results)
    {
        ArgumentOutOfRangeException.ThrowIfZero(results.Count);
        return new LevelSummary(
            level,
            results.Average(r => r.BitsPerPixel),
            results.Average(r => r.Psnr),
            QualityMeans.MeanOrNull(results.Select(r => r.MsSsimDb)),
            results.Average(r => r.EncodeSeconds),
            results.Average(r => r.DecodeSeconds));
    }
}
