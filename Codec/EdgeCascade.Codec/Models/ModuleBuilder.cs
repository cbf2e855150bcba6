using EdgeCascade.Codec.Layers;

namespace EdgeCascade.Codec.Models;

/// <summary>Builds layers from a weight source using PyTorch module names (<c>{name}.weight</c>, <c>{name}.bias</c>, ...).</summary>
internal static class ModuleBuilder
{
    /// <summary>Conv with bias and "same" padding (kernel / 2), as every conv of the architecture.</summary>
    public static Conv2d Conv(IWeightSource source, string name, int inChannels, int outChannels, int kernel, int stride = 1)
    {
        float[] weight = source.Float($"{name}.weight", outChannels, inChannels, kernel, kernel);
        float[] bias = source.Float($"{name}.bias", outChannels);
        return new Conv2d(inChannels, outChannels, kernel, stride, kernel / 2, weight, bias);
    }

    public static Gdn Gdn(IWeightSource source, string name, int channels)
    {
        (float[] beta, float[] gamma) = GdnParameters(source, name, channels);
        return new Gdn(beta, gamma);
    }

    public static InverseGdn InverseGdn(IWeightSource source, string name, int channels)
    {
        (float[] beta, float[] gamma) = GdnParameters(source, name, channels);
        return new InverseGdn(beta, gamma);
    }

    public static ResidualUnit Unit(IWeightSource source, string name, int width) =>
        new(
            Conv(source, $"{name}.conv.0", width, width / 2, 1),
            Conv(source, $"{name}.conv.2", width / 2, width / 2, 3),
            Conv(source, $"{name}.conv.4", width / 2, width, 1));

    // Effective GDN parameters must keep beta + sum(gamma * x^2) positive for every x; raw (unreparametrised)
    // parameters usually violate this, so catching it here turns a silent NaN image into a clear error.
    private static (float[] Beta, float[] Gamma) GdnParameters(IWeightSource source, string name, int channels)
    {
        float[] beta = source.Float($"{name}.beta", channels);
        float[] gamma = source.Float($"{name}.gamma", channels, channels);
        if (beta.Any(b => b <= 0f))
        {
            throw source.Invalid($"{name}.beta", "has non-positive values; GDN tensors must be exported as effective (reparametrised) values.");
        }

        if (gamma.Any(g => g < 0f))
        {
            throw source.Invalid($"{name}.gamma", "has negative values; GDN tensors must be exported as effective (reparametrised) values.");
        }

        return (beta, gamma);
    }
}
