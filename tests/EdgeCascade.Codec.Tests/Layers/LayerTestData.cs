using EdgeCascade.Codec.Layers;

namespace EdgeCascade.Codec.Tests.Layers;

internal static class LayerTestData
{
    public static float[] Values(int count, int seed, float scale = 1f)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = ((random.NextSingle() * 2) - 1) * scale;
        }

        return values;
    }

    public static Conv2d Conv(int inChannels, int outChannels, int kernel, int seed, int stride = 1, int? padding = null)
    {
        float scale = 1f / MathF.Sqrt(inChannels * kernel * kernel);
        return new Conv2d(
            inChannels,
            outChannels,
            kernel,
            stride,
            padding ?? (kernel / 2),
            Values(outChannels * inChannels * kernel * kernel, seed, scale),
            Values(outChannels, seed + 1, 0.1f));
    }

    public static Gdn Gdn(int channels, int seed)
    {
        (float[] beta, float[] gamma) = GdnParameters(channels, seed);
        return new Gdn(beta, gamma);
    }

    public static (float[] Beta, float[] Gamma) GdnParameters(int channels, int seed)
    {
        float[] beta = Values(channels, seed).Select(v => 1f + (0.5f * MathF.Abs(v))).ToArray();
        float[] gamma = Values(channels * channels, seed + 1).Select(v => 0.1f * MathF.Abs(v)).ToArray();
        return (beta, gamma);
    }

    public static ResidualUnit Unit(int width, int seed) =>
        new(Conv(width, width / 2, 1, seed), Conv(width / 2, width / 2, 3, seed + 10), Conv(width / 2, width, 1, seed + 20));
}
