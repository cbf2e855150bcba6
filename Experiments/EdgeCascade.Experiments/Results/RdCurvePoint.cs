namespace EdgeCascade.Experiments.Results;

/// <summary>One point of an R-D curve; <c>target_level</c> is the number of layers kept for PCF.</summary>
internal sealed record RdCurvePoint(int TargetLevel, double BitsPerPixel, double? PsnrDb, double? MsSsimDb);
