namespace EdgeCascade.Experiments.Results;

/// <summary>The R-D curves of the frameworks document.</summary>
/// <param name="Drf">The paper's DRF: decode and re-encode at every level from s down to d.</param>
/// <param name="DrfOneRecompression">Level s on hop 1, one decode to pixels, level d on hop 2.</param>
internal sealed record FrameworkCurves(
    IReadOnlyList<RdCurvePoint> HcfEdge,
    IReadOnlyList<RdCurvePoint> Drf,
    IReadOnlyList<RdCurvePoint> DrfOneRecompression,
    IReadOnlyList<RdCurvePoint> Ssf,
    IReadOnlyList<RdCurvePoint> Pcf);
