using EdgeCascade.Actors.Policies;

namespace EdgeCascade.Actors.Scheduling;

/// <summary>
/// An <see cref="IHopCostModel"/> from per-pixel profiles: bits per pixel of each transmitted level
/// (optionally depending on the policy prefix) and FLOPs and memory per pixel of each operator,
/// all scaled by the image's pixel count.
/// </summary>
public sealed class ProfileHopCostModel : IHopCostModel
{
    private readonly Func<QuantizationPolicy, double> _bitsPerPixel;
    private readonly Func<StageOp, double> _flopsPerPixel;
    private readonly Func<StageOp, double> _memoryBytesPerPixel;

    /// <param name="bitsPerPixel">Bits per pixel of the hop carrying <c>prefix.TargetLevel</c> after the prefix.</param>
    /// <param name="flopsPerPixel">FLOPs per image pixel of each operator.</param>
    /// <param name="memoryBytesPerPixel">Peak memory bytes per image pixel of each operator.</param>
    public ProfileHopCostModel(
        Func<QuantizationPolicy, double> bitsPerPixel,
        Func<StageOp, double> flopsPerPixel,
        Func<StageOp, double> memoryBytesPerPixel)
    {
        ArgumentNullException.ThrowIfNull(bitsPerPixel);
        ArgumentNullException.ThrowIfNull(flopsPerPixel);
        ArgumentNullException.ThrowIfNull(memoryBytesPerPixel);
        _bitsPerPixel = bitsPerPixel;
        _flopsPerPixel = flopsPerPixel;
        _memoryBytesPerPixel = memoryBytesPerPixel;
    }

    /// <summary>A profile whose rate depends only on the transmitted level: <c>bitsPerPixelByLevel[k]</c>.</summary>
    public static ProfileHopCostModel ByLevel(
        IReadOnlyDictionary<int, double> bitsPerPixelByLevel,
        Func<StageOp, double> flopsPerPixel,
        Func<StageOp, double> memoryBytesPerPixel)
    {
        ArgumentNullException.ThrowIfNull(bitsPerPixelByLevel);
        return new ProfileHopCostModel(
            prefix => bitsPerPixelByLevel.TryGetValue(prefix.TargetLevel, out var bpp)
                ? bpp
                : throw new ArgumentException($"the profile has no rate for level {prefix.TargetLevel}", nameof(prefix)),
            flopsPerPixel,
            memoryBytesPerPixel);
    }

    /// <inheritdoc/>
    public double PredictBits(QuantizationPolicy prefix, int imageWidth, int imageHeight)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return _bitsPerPixel(prefix) * Pixels(imageWidth, imageHeight);
    }

    /// <inheritdoc/>
    public OperationCost Cost(StageOp operation, int imageWidth, int imageHeight)
    {
        var pixels = Pixels(imageWidth, imageHeight);
        return new OperationCost(_flopsPerPixel(operation) * pixels, (long)Math.Ceiling(_memoryBytesPerPixel(operation) * pixels));
    }

    private static double Pixels(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        return (double)width * height;
    }
}
