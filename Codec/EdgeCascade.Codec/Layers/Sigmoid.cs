using EdgeCascade.Codec.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace EdgeCascade.Codec.Layers;

/// <summary>1 / (1 + exp(-x)).</summary>
public sealed class Sigmoid : IInPlaceLayer
{
    /// <summary>FLOPs charged per element (negate, exp, add, divide).</summary>
    public const int FlopsPerElement = 4;

    public static Sigmoid Instance { get; } = new();

    public TensorShape OutputShape(TensorShape input) => input;

    public LayerCost Cost(TensorShape input) => new(FlopsPerElement * input.ElementCount, 0, 2 * input.ByteCount);

    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var output = new Tensor(input.Shape);
        TensorPrimitives.Sigmoid(input.Span, output.Span);
        return output;
    }

    public void ForwardInPlace(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        TensorPrimitives.Sigmoid(tensor.Span, tensor.Span);
    }

    public override string ToString() => "Sigmoid";
}
