using EdgeCascade.Codec.Metrics;
using EdgeCascade.Experiments.Metrics;
using EdgeCascade.Experiments.Results;

namespace EdgeCascade.Experiments.Runners;

/// <summary>Named R-D curves and the Bjøntegaard deltas between them.</summary>
internal static class RdCurves
{
    public static List<RdCurvePoint> Points(IReadOnlyList<(int Level, RdMeasurement Point)> curve) =>
        [.. curve.Select(p => new RdCurvePoint(p.Level, p.Point.BitsPerPixel, ExperimentContext.Finite(p.Point.Psnr), ExperimentContext.Finite(p.Point.MsSsimDb)))];

    /// <summary>BD-rate (PSNR and MS-SSIM) and BD-PSNR of <paramref name="test"/> against <paramref name="anchor"/>, cubic and PCHIP.</summary>
    public static BjontegaardDeltas Delta(IReadOnlyList<(int Level, RdMeasurement Point)> anchor, IReadOnlyList<(int Level, RdMeasurement Point)> test)
    {
        const BjontegaardInterpolation cubic = BjontegaardInterpolation.Cubic, pchip = BjontegaardInterpolation.Pchip;
        return new BjontegaardDeltas(
            Safe(() => Bjontegaard.BdRate(Psnr(anchor), Psnr(test), cubic)),
            Safe(() => Bjontegaard.BdPsnr(Psnr(anchor), Psnr(test), cubic)),
            Safe(() => Bjontegaard.BdRate(MsSsim(anchor), MsSsim(test), cubic)),
            Safe(() => Bjontegaard.BdRate(Psnr(anchor), Psnr(test), pchip)),
            Safe(() => Bjontegaard.BdPsnr(Psnr(anchor), Psnr(test), pchip)),
            Safe(() => Bjontegaard.BdRate(MsSsim(anchor), MsSsim(test), pchip)));
    }

    public static string Format(double? value) => value is { } number ? ExperimentContext.Signed(number, 2) : "n/a";

    private static List<RdPoint> Psnr(IReadOnlyList<(int Level, RdMeasurement Point)> curve) =>
        [.. curve.Select(p => new RdPoint(p.Point.BitsPerPixel, p.Point.Psnr))];

    private static List<RdPoint> MsSsim(IReadOnlyList<(int Level, RdMeasurement Point)> curve) =>
        [.. curve.Select(p => new RdPoint(p.Point.BitsPerPixel, p.Point.MsSsimDb))];

    // BD needs four points and overlapping, monotone curves; an undertrained family can fail that, which
    // is reported as null rather than a crash.
    private static double? Safe(Func<double> compute)
    {
        try
        {
            return ExperimentContext.Finite(compute());
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
