namespace EdgeCascade.Cli.Evaluation;

/// <summary>
/// A classic codec's curve and the family's BD-rate against it in PSNR (negative = the family needs fewer bits for
/// the same PSNR); cubic (VCEG-M33) is the headline number, PCHIP the check. Null BD values come with a note.
/// </summary>
internal sealed record AnchorResult(
    string Codec,
    string Tool,
    IReadOnlyList<AnchorPoint> Points,
    double? BdRatePsnrPercentCubic,
    double? BdRatePsnrPercentPchip,
    string? Note);
