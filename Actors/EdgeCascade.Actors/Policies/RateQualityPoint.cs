namespace EdgeCascade.Actors.Policies;

/// <summary>One operating point of a reconstruction: its rate and its quality.</summary>
/// <param name="Rate">Rate of the final transmitted latent, in any unit used consistently (bpp in HCF Table 1).</param>
/// <param name="Quality">Quality metric M(x, x̂), higher is better (PSNR in dB, or MS-SSIM in dB).</param>
public readonly record struct RateQualityPoint(double Rate, double Quality);
