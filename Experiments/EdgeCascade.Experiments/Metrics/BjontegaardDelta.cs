namespace EdgeCascade.Experiments.Metrics;

/// <summary>BD-rate and BD-quality of a test curve against an anchor.</summary>
/// <param name="RatePercent">Average rate difference at equal quality, in percent; negative = the test saves bits.</param>
/// <param name="QualityDelta">Average quality difference at equal rate (dB for PSNR); positive = the test is better.</param>
/// <param name="Interpolation">The interpolation both numbers were computed with.</param>
public sealed record BjontegaardDelta(double RatePercent, double QualityDelta, BjontegaardInterpolation Interpolation);
