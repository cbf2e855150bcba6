using EdgeCascade.Codec.Tensors;

namespace EdgeCascade.Codec.Layers;

/// <summary>
/// Residual block with GDN (HCF φ, "Residual W/ GDN"): x + GDN(conv2(LReLU(conv1(x)))), both convs 3x3 W -> W.
/// </summary>
public sealed class ResidualGdn : ILayer
{
    public ResidualGdn(Conv2d conv1, Conv2d conv2, Gdn gdn)
    {
        ArgumentNullException.ThrowIfNull(conv1);
        ArgumentNullException.ThrowIfNull(conv2);
        ArgumentNullException.ThrowIfNull(gdn);
        Residual.RequireSquare(conv1.InChannels, conv1, conv2);
        if (gdn.Channels != conv1.InChannels)
        {
            throw new ArgumentException($"GDN has {gdn.Channels} channels, the block {conv1.InChannels}.", nameof(gdn));
        }

        Conv1 = conv1;
        Conv2 = conv2;
        Normalization = gdn;
        Body = new Sequential(conv1, LeakyRelu.Default, conv2, gdn);
    }

    public Conv2d Conv1 { get; }

    public Conv2d Conv2 { get; }

    public Gdn Normalization { get; }

    internal Sequential Body { get; }

    public TensorShape OutputShape(TensorShape input) => Residual.OutputShape(Body, input);

    public LayerCost Cost(TensorShape input) => Residual.Cost(Body, input);

    public Tensor Forward(Tensor input) => Residual.Forward(Body, input, reluAfterAdd: false);
}
