namespace EdgeCascade.Experiments.Results;

/// <summary>The R-D curves of the frameworks document.</summary>
internal sealed record FrameworkCurves(IReadOnlyList<RdCurvePoint> HcfEdge, IReadOnlyList<RdCurvePoint> Drf, IReadOnlyList<RdCurvePoint> Ssf, IReadOnlyList<RdCurvePoint> Pcf);
