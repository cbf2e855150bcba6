using EdgeCascade.Codec.Tensors;

namespace EdgeCascade.Codec.Layers;

/// <summary>Generalized divisive normalization (Ballé et al. 2016): y_c = x_c / sqrt(beta_c + sum_j gamma[c, j] * x_j^2).</summary>
/// <remarks>
/// beta [C] and gamma [C, C] are the effective values (CompressAI's non-negative reparametrisation already
/// applied by the exporter), so the formula is used as is.
/// </remarks>
public sealed class Gdn : ILayer
{
    private readonly GdnKernel _kernel;

    public Gdn(float[] beta, float[] gamma)
    {
        _kernel = new GdnKernel(beta, gamma);
    }

    public int Channels => _kernel.Channels;

    public TensorShape OutputShape(TensorShape input)
    {
        _kernel.RequireChannels(input, nameof(Gdn));
        return input;
    }

    public LayerCost Cost(TensorShape input) => _kernel.Cost(OutputShape(input));

    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        OutputShape(input.Shape);
        return _kernel.Forward(input, inverse: false);
    }

    public override string ToString() => $"Gdn({Channels})";
}
