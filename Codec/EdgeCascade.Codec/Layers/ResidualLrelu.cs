using EdgeCascade.Codec.Tensors;

namespace EdgeCascade.Codec.Layers;

/// <summary>
/// Residual block with LeakyReLU (CompressAI <c>ResidualBlock</c>): x + LReLU(conv2(LReLU(conv1(x)))), 3x3 convs.
/// </summary>
public sealed class ResidualLrelu : ILayer
{
    public ResidualLrelu(Conv2d conv1, Conv2d conv2)
    {
        ArgumentNullException.ThrowIfNull(conv1);
        ArgumentNullException.ThrowIfNull(conv2);
        Residual.RequireSquare(conv1.InChannels, conv1, conv2);
        Conv1 = conv1;
        Conv2 = conv2;
        Body = new Sequential(conv1, LeakyRelu.Default, conv2, LeakyRelu.Default);
    }

    public Conv2d Conv1 { get; }

    public Conv2d Conv2 { get; }

    internal Sequential Body { get; }

    public TensorShape OutputShape(TensorShape input) => Residual.OutputShape(Body, input);

    public LayerCost Cost(TensorShape input) => Residual.Cost(Body, input);

    public Tensor Forward(Tensor input) => Residual.Forward(Body, input, reluAfterAdd: false);
}
