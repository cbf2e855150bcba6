namespace EdgeCascade.Experiments.Metrics;

/// <summary>How <see cref="Bjontegaard"/> interpolates an R-D curve before integrating it.</summary>
public enum BjontegaardInterpolation
{
    /// <summary>
    /// The original VCEG-M33 method (Bjøntegaard 2001): one least-squares third-order polynomial
    /// through all points of a curve. Needs at least 4 points per curve.
    /// </summary>
    Cubic,

    /// <summary>
    /// Piecewise cubic Hermite interpolation with Fritsch-Carlson monotone slopes and the same end
    /// conditions as scipy's <c>PchipInterpolator</c>, as used by the JCT-VC / JVET CTC sheets
    /// (JCTVC-L1100). Needs at least 2 points per curve.
    /// </summary>
    Pchip,
}
