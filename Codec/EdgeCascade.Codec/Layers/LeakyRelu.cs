using EdgeCascade.Codec.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace EdgeCascade.Codec.Layers;

/// <summary>x for x &gt;= 0, slope * x otherwise (PyTorch default slope 0.01).</summary>
public sealed class LeakyRelu : IInPlaceLayer
{
    public const float DefaultSlope = 0.01f;

    public LeakyRelu(float slope = DefaultSlope)
    {
        if (slope is < 0f or > 1f)
        {
            throw new ArgumentOutOfRangeException(nameof(slope), "Slope must lie in [0, 1].");
        }

        Slope = slope;
    }

    public static LeakyRelu Default { get; } = new();

    public float Slope { get; }

    public TensorShape OutputShape(TensorShape input) => input;

    public LayerCost Cost(TensorShape input) => new(2 * input.ElementCount, 0, 2 * input.ByteCount);

    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var output = new Tensor(input.Shape);
        Apply(input.Span, output.Span);
        return output;
    }

    public void ForwardInPlace(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        Apply(tensor.Span, tensor.Span);
    }

    public override string ToString() => $"LeakyReLU({Slope})";

    // For a slope in [0, 1], max(x, slope * x) is exactly the leaky ReLU (and exact: slope * x is the same product PyTorch forms).
    private void Apply(ReadOnlySpan<float> source, Span<float> destination)
    {
        const int Chunk = 4096;
        Span<float> scaled = stackalloc float[Chunk];
        for (int start = 0; start < source.Length; start += Chunk)
        {
            int count = Math.Min(Chunk, source.Length - start);
            ReadOnlySpan<float> from = source.Slice(start, count);
            Span<float> product = scaled[..count];
            TensorPrimitives.Multiply(from, Slope, product);
            TensorPrimitives.Max(from, product, destination.Slice(start, count));
        }
    }
}
