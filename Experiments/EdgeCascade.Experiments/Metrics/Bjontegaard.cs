namespace EdgeCascade.Experiments.Metrics;

/// <summary>
/// Bjøntegaard-delta metrics (G. Bjøntegaard, "Calculation of average PSNR differences between
/// RD-curves", VCEG-M33, 2001): the average rate difference at equal quality (BD-rate) and the
/// average quality difference at equal rate (BD-PSNR) between a test codec and an anchor.
/// </summary>
/// <remarks>
/// <code>
/// BD-rate:  log10 R = f(Q) per curve;  Δ = [∫ f_test − ∫ f_anchor] / (Q_hi − Q_lo)
///           over the overlap [max(min Q), min(max Q)];  BD-rate = (10^Δ − 1) · 100 %
/// BD-PSNR:  Q = g(log10 R) per curve;  BD = [∫ g_test − ∫ g_anchor] / (L_hi − L_lo)
///           over the overlap of the log-rate ranges
/// </code>
/// Sign convention: the test relative to the anchor. A negative BD-rate means the test needs fewer
/// bits for the same quality; a positive BD-PSNR means it has higher quality at the same rate.
/// f and g are either one least-squares cubic (VCEG-M33) or PCHIP (JCT-VC/JVET CTC); see
/// <see cref="BjontegaardInterpolation"/>. Points may be given in any order; each curve needs
/// distinct qualities (BD-rate) or distinct rates (BD-PSNR).
/// </remarks>
public static class Bjontegaard
{
    /// <summary>BD-rate of <paramref name="test"/> against <paramref name="anchor"/>, in percent.</summary>
    /// <exception cref="ArgumentException">Too few points, a non-positive or non-finite value, repeated qualities, or no overlap.</exception>
    public static double BdRate(IReadOnlyList<RdPoint> anchor, IReadOnlyList<RdPoint> test, BjontegaardInterpolation interpolation = BjontegaardInterpolation.Cubic)
    {
        var (anchorQuality, anchorLogRate) = Axes(anchor, nameof(anchor), interpolation, rateOnX: false);
        var (testQuality, testLogRate) = Axes(test, nameof(test), interpolation, rateOnX: false);
        var averageLogRateDifference = AverageDifference(anchorQuality, anchorLogRate, testQuality, testLogRate, interpolation, "quality");
        return (Math.Pow(10, averageLogRateDifference) - 1) * 100;
    }

    /// <summary>BD-PSNR (BD-quality) of <paramref name="test"/> against <paramref name="anchor"/>, in quality units (dB).</summary>
    /// <exception cref="ArgumentException">Too few points, a non-positive or non-finite value, repeated rates, or no overlap.</exception>
    public static double BdQuality(IReadOnlyList<RdPoint> anchor, IReadOnlyList<RdPoint> test, BjontegaardInterpolation interpolation = BjontegaardInterpolation.Cubic)
    {
        var (anchorLogRate, anchorQuality) = Axes(anchor, nameof(anchor), interpolation, rateOnX: true);
        var (testLogRate, testQuality) = Axes(test, nameof(test), interpolation, rateOnX: true);
        return AverageDifference(anchorLogRate, anchorQuality, testLogRate, testQuality, interpolation, "log rate");
    }

    /// <summary>Same as <see cref="BdQuality"/>; the name used when the quality is PSNR.</summary>
    public static double BdPsnr(IReadOnlyList<RdPoint> anchor, IReadOnlyList<RdPoint> test, BjontegaardInterpolation interpolation = BjontegaardInterpolation.Cubic) =>
        BdQuality(anchor, test, interpolation);

    /// <summary>Both BD-rate and BD-quality with one interpolation.</summary>
    public static BjontegaardDelta Compute(IReadOnlyList<RdPoint> anchor, IReadOnlyList<RdPoint> test, BjontegaardInterpolation interpolation = BjontegaardInterpolation.Cubic) =>
        new(BdRate(anchor, test, interpolation), BdQuality(anchor, test, interpolation), interpolation);

    private static double AverageDifference(
        double[] anchorX,
        double[] anchorY,
        double[] testX,
        double[] testY,
        BjontegaardInterpolation interpolation,
        string axisName)
    {
        var low = Math.Max(anchorX[0], testX[0]);
        var high = Math.Min(anchorX[^1], testX[^1]);
        if (!(high > low))
        {
            throw new ArgumentException(
                $"the curves do not overlap in {axisName}: anchor [{anchorX[0]}, {anchorX[^1]}], test [{testX[0]}, {testX[^1]}]");
        }

        var anchorIntegral = Integral(anchorX, anchorY, low, high, interpolation);
        var testIntegral = Integral(testX, testY, low, high, interpolation);
        return (testIntegral - anchorIntegral) / (high - low);
    }

    private static double Integral(double[] x, double[] y, double from, double to, BjontegaardInterpolation interpolation) => interpolation switch
    {
        BjontegaardInterpolation.Cubic => BjontegaardPolynomial.Integral(x, y, from, to),
        BjontegaardInterpolation.Pchip => BjontegaardPchip.Integral(x, y, from, to),
        _ => throw new ArgumentOutOfRangeException(nameof(interpolation), interpolation, "unknown interpolation"),
    };

    /// <summary>The curve as (x ascending, y) with x = log10 rate or quality.</summary>
    private static (double[] X, double[] Y) Axes(IReadOnlyList<RdPoint> curve, string name, BjontegaardInterpolation interpolation, bool rateOnX)
    {
        ArgumentNullException.ThrowIfNull(curve, name);
        var minimum = interpolation == BjontegaardInterpolation.Cubic ? BjontegaardPolynomial.MinimumPoints : BjontegaardPchip.MinimumPoints;
        if (curve.Count < minimum)
        {
            throw new ArgumentException($"{interpolation} BD metrics need at least {minimum} points per curve, got {curve.Count}", name);
        }

        var pairs = new (double X, double Y)[curve.Count];
        for (var i = 0; i < curve.Count; i++)
        {
            var point = curve[i];
            if (!(point.Rate > 0) || !double.IsFinite(point.Rate) || !double.IsFinite(point.Quality))
            {
                throw new ArgumentException($"point {i} {point} needs a positive finite rate and a finite quality", name);
            }

            var logRate = Math.Log10(point.Rate);
            pairs[i] = rateOnX ? (logRate, point.Quality) : (point.Quality, logRate);
        }

        Array.Sort(pairs, static (a, b) => a.X.CompareTo(b.X));
        for (var i = 1; i < pairs.Length; i++)
        {
            if (pairs[i].X == pairs[i - 1].X)
            {
                throw new ArgumentException($"two points share the same {(rateOnX ? "rate" : "quality")}; the curve cannot be interpolated", name);
            }
        }

        return (Array.ConvertAll(pairs, p => p.X), Array.ConvertAll(pairs, p => p.Y));
    }
}
