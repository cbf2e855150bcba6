using EdgeCascade.Experiments.Metrics;

namespace EdgeCascade.Experiments.Tests.Metrics;

public sealed class BjontegaardTests
{
    // Test data of the FAU-LMS "bjontegaard" package (github.com/FAU-LMS/bjontegaard, README.md and
    // example_usage.py, test cases 1-3: libx265 presets measured with ffmpeg, rate in kbit/s, PSNR in dB).
    // The package prints no expected numbers, so the expected values below were computed independently with
    // /usr/bin/python3, numpy 1.24.2 and scipy 1.10.1: cubic = numpy.polyfit(D, log10 R, 3) integrated with
    // numpy.polyint over the quality overlap; PCHIP = scipy.interpolate.PchipInterpolator(...).integrate(lo, hi);
    // BD-rate = (10^Δ − 1)·100, BD-PSNR on (log10 R, D) over the log-rate overlap, test minus anchor.
    private static readonly RdPoint[] s_fau1Anchor = Curve([9487.76, 4593.60, 2486.44, 1358.24], [40.037, 38.615, 36.845, 34.851]);
    private static readonly RdPoint[] s_fau1Test = Curve([9787.80, 4469.00, 2451.52, 1356.24], [40.121, 38.651, 36.970, 34.987]);
    private static readonly RdPoint[] s_fau2Anchor = Curve([82472.76, 26875.24, 9487.76, 4593.6], [43.825, 41.404, 40.037, 38.615]);
    private static readonly RdPoint[] s_fau2Test = Curve([99896.96, 33952.04, 9787.8, 4469.0], [44.731, 41.875, 40.121, 38.651]);
    private static readonly RdPoint[] s_fau3Anchor = Curve(
        [82472.76, 26875.24, 9487.76, 4593.6, 3600, 2900], [43.825, 41.404, 40.037, 38.615, 36.5, 35.1]);
    private static readonly RdPoint[] s_fau3Test = Curve(
        [99896.96, 33952.04, 9787.8, 4469.0, 4040, 3300], [44.731, 41.875, 40.121, 38.651, 37, 36.5]);

    // A learned-codec-like pair with 5 points (least squares, not interpolation, for the cubic).
    private static readonly RdPoint[] s_fiveAnchor = Curve([0.12, 0.21, 0.35, 0.56, 0.83], [27.9, 29.6, 31.4, 33.2, 35.0]);
    private static readonly RdPoint[] s_fiveTest = Curve([0.10, 0.19, 0.33, 0.50, 0.80], [28.1, 29.9, 31.6, 33.3, 35.3]);

    // A kinked pair where the single cubic and PCHIP disagree strongly (why the CTC moved to PCHIP).
    private static readonly RdPoint[] s_kinkedAnchor = Curve([0.1, 0.2, 0.4, 0.8], [28.0, 30.5, 31.0, 34.0]);
    private static readonly RdPoint[] s_kinkedTest = Curve([0.09, 0.2, 0.35, 0.7], [28.2, 30.0, 31.5, 33.9]);

    public static TheoryData<string, BjontegaardInterpolation, double, double> References => new()
    {
        { "fau1", BjontegaardInterpolation.Cubic, -4.42046270609566, 0.120409419114966 },
        { "fau1", BjontegaardInterpolation.Pchip, -4.41748535058905, 0.119692785424795 },
        { "fau2", BjontegaardInterpolation.Cubic, -4.69943754837673, 0.0954044028916634 },
        { "fau2", BjontegaardInterpolation.Pchip, -4.47218200276197, 0.0888748470474774 },
        { "fau3", BjontegaardInterpolation.Cubic, -0.639288620630862, 0.103580851549914 },
        { "fau3", BjontegaardInterpolation.Pchip, -2.9528024116428, 0.0895359019499883 },
        { "five", BjontegaardInterpolation.Cubic, -14.1500098965676, 0.538043705883373 },
        { "five", BjontegaardInterpolation.Pchip, -14.4640317362348, 0.551678982469289 },
        { "kinked", BjontegaardInterpolation.Cubic, -23.4777125172207, 0.234278233816105 },
        { "kinked", BjontegaardInterpolation.Pchip, -9.15573982530723, 0.240272911750955 },
    };

    [Theory]
    [MemberData(nameof(References))]
    public void Compute_ReferenceCurves_MatchesNumpyScipy(string name, BjontegaardInterpolation interpolation, double rate, double psnr)
    {
        var (anchor, test) = Pair(name);

        var delta = Bjontegaard.Compute(anchor, test, interpolation);

        Assert.Equal(rate, delta.RatePercent, 1e-9);
        Assert.Equal(psnr, delta.QualityDelta, 1e-10);
        Assert.Equal(interpolation, delta.Interpolation);
    }

    [Theory]
    [InlineData(BjontegaardInterpolation.Cubic)]
    [InlineData(BjontegaardInterpolation.Pchip)]
    public void BdRate_IdenticalCurves_IsZero(BjontegaardInterpolation interpolation)
    {
        Assert.Equal(0, Bjontegaard.BdRate(s_fau1Anchor, s_fau1Anchor, interpolation), 12);
        Assert.Equal(0, Bjontegaard.BdPsnr(s_fau1Anchor, s_fau1Anchor, interpolation), 12);
    }

    [Theory]
    [InlineData(BjontegaardInterpolation.Cubic)]
    [InlineData(BjontegaardInterpolation.Pchip)]
    public void BdRate_RatesScaledByNineTenths_IsMinusTenPercent(BjontegaardInterpolation interpolation)
    {
        foreach (var anchor in new[] { s_fau1Anchor, s_fau3Anchor, s_fiveAnchor, s_kinkedAnchor })
        {
            var test = anchor.Select(p => p with { Rate = 0.9 * p.Rate }).ToArray();

            Assert.Equal(-10.0, Bjontegaard.BdRate(anchor, test, interpolation), 1e-9);
            Assert.Equal(100.0 / 9.0, Bjontegaard.BdRate(test, anchor, interpolation), 1e-9);
        }
    }

    [Theory]
    [InlineData(BjontegaardInterpolation.Cubic)]
    [InlineData(BjontegaardInterpolation.Pchip)]
    public void BdPsnr_QualityRaisedByHalfDecibel_IsPlusHalf(BjontegaardInterpolation interpolation)
    {
        var test = s_fiveAnchor.Select(p => p with { Quality = p.Quality + 0.5 }).ToArray();

        Assert.Equal(0.5, Bjontegaard.BdPsnr(s_fiveAnchor, test, interpolation), 1e-10);
        Assert.Equal(-0.5, Bjontegaard.BdPsnr(test, s_fiveAnchor, interpolation), 1e-10);
    }

    [Theory]
    [InlineData(BjontegaardInterpolation.Cubic)]
    [InlineData(BjontegaardInterpolation.Pchip)]
    public void BdRate_PointOrder_DoesNotMatter(BjontegaardInterpolation interpolation)
    {
        var shuffled = new[] { s_fiveTest[3], s_fiveTest[0], s_fiveTest[4], s_fiveTest[1], s_fiveTest[2] };

        Assert.Equal(
            Bjontegaard.BdRate(s_fiveAnchor, s_fiveTest, interpolation),
            Bjontegaard.BdRate(s_fiveAnchor, shuffled, interpolation),
            12);
    }

    [Fact]
    public void BdRate_CubicWithThreePoints_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Bjontegaard.BdRate(s_fau1Anchor[..3], s_fau1Test[..3]));
        Assert.Contains("at least 4 points", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BdRate_PchipWithTwoPoints_IsLinear()
    {
        // Two points: log10 R linear in D; halving every rate gives −50 %.
        var anchor = Curve([1.0, 4.0], [30.0, 36.0]);
        var test = Curve([0.5, 2.0], [30.0, 36.0]);

        Assert.Equal(-50.0, Bjontegaard.BdRate(anchor, test, BjontegaardInterpolation.Pchip), 1e-10);
    }

    [Fact]
    public void BdRate_NoQualityOverlap_Throws()
    {
        var high = s_fau1Anchor.Select(p => p with { Quality = p.Quality + 10 }).ToArray();

        Assert.Throws<ArgumentException>(() => Bjontegaard.BdRate(s_fau1Anchor, high));
    }

    [Fact]
    public void BdRate_NonPositiveRate_Throws() =>
        Assert.Throws<ArgumentException>(() => Bjontegaard.BdRate(Curve([0, 1, 2, 3], [30, 31, 32, 33]), s_fau1Anchor));

    [Fact]
    public void BdRate_RepeatedQuality_Throws() =>
        Assert.Throws<ArgumentException>(() => Bjontegaard.BdRate(Curve([1, 2, 3, 4], [30, 31, 31, 33]), s_fau1Anchor));

    [Fact]
    public void Pchip_Slopes_MatchScipyIncludingZeroAndLimiterRules()
    {
        // scipy 1.10.1: PchipInterpolator(x, y).derivative()(x).
        double[] slopes = BjontegaardPchip.Slopes([0, 1, 2.5, 3, 5], [1, 3, 2, 2.5, 0]);
        Assert.Equal([3.066666666666667, 0, 0, 0, -3.05], slopes, (a, b) => Math.Abs(a - b) < 1e-12);

        double[] limited = BjontegaardPchip.Slopes([0, 1, 1.5, 4], [0, 5, 4, 6]);
        Assert.Equal([9.666666666666666, 0, 0, 2.4], limited, (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void Pchip_Integral_MatchesScipy()
    {
        // scipy 1.10.1: PchipInterpolator([0, 1, 2.5, 3, 5], [1, 3, 2, 2.5, 0]).integrate(0.3, 4.2).
        Assert.Equal(9.422765555555555, BjontegaardPchip.Integral([0, 1, 2.5, 3, 5], [1, 3, 2, 2.5, 0], 0.3, 4.2), 1e-12);
    }

    private static (RdPoint[] Anchor, RdPoint[] Test) Pair(string name) => name switch
    {
        "fau1" => (s_fau1Anchor, s_fau1Test),
        "fau2" => (s_fau2Anchor, s_fau2Test),
        "fau3" => (s_fau3Anchor, s_fau3Test),
        "five" => (s_fiveAnchor, s_fiveTest),
        "kinked" => (s_kinkedAnchor, s_kinkedTest),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static RdPoint[] Curve(double[] rates, double[] qualities) =>
        rates.Zip(qualities, (r, q) => new RdPoint(r, q)).ToArray();
}
