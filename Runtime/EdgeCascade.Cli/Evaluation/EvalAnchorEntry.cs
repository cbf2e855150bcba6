namespace EdgeCascade.Cli.Evaluation;

/// <summary>One anchor codec's curve and its BD-rate against the family.</summary>
internal sealed record EvalAnchorEntry(
    string Tool,
    IReadOnlyList<EvalAnchorPointEntry> Points,
    double? BdRatePsnrPercentCubic,
    double? BdRatePsnrPercentPchip,
    string? Note);
