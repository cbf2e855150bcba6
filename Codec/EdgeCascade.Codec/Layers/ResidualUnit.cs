using EdgeCascade.Codec.Tensors;

namespace EdgeCascade.Codec.Layers;

/// <summary>
/// The residual unit of CompressAI's <c>AttentionBlock</c>:
/// ReLU(x + conv1x1(ReLU(conv3x3(ReLU(conv1x1(x)))))), widths W -> W/2 -> W/2 -> W.
/// </summary>
public sealed class ResidualUnit : ILayer
{
    public ResidualUnit(Conv2d reduce, Conv2d spatial, Conv2d expand)
    {
        ArgumentNullException.ThrowIfNull(reduce);
        ArgumentNullException.ThrowIfNull(spatial);
        ArgumentNullException.ThrowIfNull(expand);
        if (expand.OutChannels != reduce.InChannels || spatial.InChannels != reduce.OutChannels || expand.InChannels != spatial.OutChannels)
        {
            throw new ArgumentException($"Residual unit widths do not chain: {reduce}, {spatial}, {expand}.", nameof(expand));
        }

        Reduce = reduce;
        Spatial = spatial;
        Expand = expand;
        Body = new Sequential(reduce, Relu.Instance, spatial, Relu.Instance, expand);
    }

    /// <summary>Sequential index 0: 1x1, W -> W/2.</summary>
    public Conv2d Reduce { get; }

    /// <summary>Sequential index 2: 3x3, W/2 -> W/2.</summary>
    public Conv2d Spatial { get; }

    /// <summary>Sequential index 4: 1x1, W/2 -> W.</summary>
    public Conv2d Expand { get; }

    internal Sequential Body { get; }

    public TensorShape OutputShape(TensorShape input) => Residual.OutputShape(Body, input);

    public LayerCost Cost(TensorShape input) => Residual.Cost(Body, input).AddFlops(input.ElementCount);

    public Tensor Forward(Tensor input) => Residual.Forward(Body, input, reluAfterAdd: true);
}
