namespace EdgeCascade.Experiments.Metrics;

/// <summary>One rate-distortion operating point of a codec.</summary>
/// <param name="Rate">Rate, strictly positive (bpp, bits or kbit/s: any unit, the same for both curves).</param>
/// <param name="Quality">Quality, higher is better (PSNR in dB, MS-SSIM in dB).</param>
public readonly record struct RdPoint(double Rate, double Quality);
