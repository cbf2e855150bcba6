namespace EdgeCascade.Experiments.Results;

/// <summary>BD-rate (PSNR and MS-SSIM) and BD-PSNR of one curve against another, cubic and PCHIP; null where BD is undefined.</summary>
internal sealed record BjontegaardDeltas(
    double? BdRatePsnrPercentCubic,
    double? BdPsnrDbCubic,
    double? BdRateMsSsimPercentCubic,
    double? BdRatePsnrPercentPchip,
    double? BdPsnrDbPchip,
    double? BdRateMsSsimPercentPchip);
