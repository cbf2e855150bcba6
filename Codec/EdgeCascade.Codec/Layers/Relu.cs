using EdgeCascade.Codec.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace EdgeCascade.Codec.Layers;

/// <summary>max(x, 0).</summary>
public sealed class Relu : IInPlaceLayer
{
    public static Relu Instance { get; } = new();

    public TensorShape OutputShape(TensorShape input) => input;

    public LayerCost Cost(TensorShape input) => new(input.ElementCount, 0, 2 * input.ByteCount);

    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var output = new Tensor(input.Shape);
        TensorPrimitives.Max(input.Span, 0f, output.Span);
        return output;
    }

    public void ForwardInPlace(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        TensorPrimitives.Max(tensor.Span, 0f, tensor.Span);
    }

    public override string ToString() => "ReLU";
}
