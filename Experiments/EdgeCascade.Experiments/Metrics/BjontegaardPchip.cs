namespace EdgeCascade.Experiments.Metrics;

/// <summary>
/// Piecewise cubic Hermite interpolation (Fritsch and Carlson 1980; Fritsch and Butland 1984) with
/// the slope rules of scipy's <c>PchipInterpolator</c>, integrated exactly segment by segment.
/// </summary>
/// <remarks>
/// Interior slopes: zero where the neighbouring secant slopes differ in sign or one is zero,
/// otherwise the weighted harmonic mean (w1 + w2) / d = w1 / m_{k−1} + w2 / m_k with
/// w1 = 2h_k + h_{k−1}, w2 = h_k + 2h_{k−1}. End slopes: the one-sided three-point estimate
/// ((2h_0 + h_1) m_0 − h_0 m_1) / (h_0 + h_1), set to zero if its sign differs from m_0, and
/// limited to 3 m_0 when m_0 and m_1 differ in sign (mirrored at the right end). Two points give a line.
/// </remarks>
internal static class BjontegaardPchip
{
    /// <summary>Minimum number of points (two give the straight line through them).</summary>
    public const int MinimumPoints = 2;

    /// <summary>∫ f(x) dx over [from, to] ⊆ [x_0, x_{n−1}] for the PCHIP interpolant f; x strictly ascending.</summary>
    public static double Integral(double[] x, double[] y, double from, double to)
    {
        var slopes = Slopes(x, y);
        double integral = 0;
        for (var k = 0; k < x.Length - 1; k++)
        {
            var a = Math.Max(from, x[k]);
            var b = Math.Min(to, x[k + 1]);
            if (b <= a)
            {
                continue;
            }

            var h = x[k + 1] - x[k];
            var secant = (y[k + 1] - y[k]) / h;
            var c2 = ((3 * secant) - (2 * slopes[k]) - slopes[k + 1]) / h;
            var c3 = (slopes[k] + slopes[k + 1] - (2 * secant)) / (h * h);
            integral += Antiderivative(b - x[k]) - Antiderivative(a - x[k]);

            double Antiderivative(double t) => t * (y[k] + (t * ((slopes[k] / 2) + (t * ((c2 / 3) + (t * c3 / 4))))));
        }

        return integral;
    }

    /// <summary>The Hermite slopes at every point.</summary>
    internal static double[] Slopes(double[] x, double[] y)
    {
        var n = x.Length;
        var h = new double[n - 1];
        var m = new double[n - 1];
        for (var k = 0; k < n - 1; k++)
        {
            h[k] = x[k + 1] - x[k];
            m[k] = (y[k + 1] - y[k]) / h[k];
        }

        var d = new double[n];
        if (n == 2)
        {
            d[0] = m[0];
            d[1] = m[0];
            return d;
        }

        for (var k = 1; k < n - 1; k++)
        {
            if (Math.Sign(m[k - 1]) * Math.Sign(m[k]) <= 0)
            {
                d[k] = 0;
                continue;
            }

            var w1 = (2 * h[k]) + h[k - 1];
            var w2 = h[k] + (2 * h[k - 1]);
            d[k] = (w1 + w2) / ((w1 / m[k - 1]) + (w2 / m[k]));
        }

        d[0] = EndSlope(h[0], h[1], m[0], m[1]);
        d[n - 1] = EndSlope(h[n - 2], h[n - 3], m[n - 2], m[n - 3]);
        return d;
    }

    private static double EndSlope(double h0, double h1, double m0, double m1)
    {
        var d = (((2 * h0) + h1) * m0 - (h0 * m1)) / (h0 + h1);
        if (Math.Sign(d) != Math.Sign(m0))
        {
            return 0;
        }

        if (Math.Sign(m0) != Math.Sign(m1) && Math.Abs(d) > Math.Abs(3 * m0))
        {
            return 3 * m0;
        }

        return d;
    }
}
