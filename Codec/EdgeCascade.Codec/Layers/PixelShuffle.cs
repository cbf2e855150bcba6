using EdgeCascade.Codec.Tensors;

namespace EdgeCascade.Codec.Layers;

/// <summary>PyTorch <c>nn.PixelShuffle(factor)</c>: [N, C*r*r, H, W] -> [N, C, H*r, W*r].</summary>
public sealed class PixelShuffle : ILayer
{
    public PixelShuffle(int factor = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 1);
        Factor = factor;
    }

    public int Factor { get; }

    public TensorShape OutputShape(TensorShape input)
    {
        int r2 = Factor * Factor;
        if (input.C % r2 != 0)
        {
            throw new ArgumentException($"PixelShuffle({Factor}) needs channels divisible by {r2}, got {input}.", nameof(input));
        }

        return new TensorShape(input.N, input.C / r2, input.H * Factor, input.W * Factor);
    }

    public LayerCost Cost(TensorShape input)
    {
        TensorShape output = OutputShape(input);
        return new LayerCost(0, 0, input.ByteCount + output.ByteCount);
    }

    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return TensorOps.PixelShuffle(input, Factor);
    }

    public override string ToString() => $"PixelShuffle({Factor})";
}
