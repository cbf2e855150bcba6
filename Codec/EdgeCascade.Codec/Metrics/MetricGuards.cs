using EdgeCascade.Codec.Imaging;

namespace EdgeCascade.Codec.Metrics;

internal static class MetricGuards
{
    public static void CheckSameSize(RgbImage reference, RgbImage distorted)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(distorted);
        if (reference.Width != distorted.Width || reference.Height != distorted.Height)
        {
            throw new ArgumentException(
                $"images differ in size: {reference.Width}x{reference.Height} vs {distorted.Width}x{distorted.Height}",
                nameof(distorted));
        }
    }
}
