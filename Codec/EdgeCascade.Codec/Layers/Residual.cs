using EdgeCascade.Codec.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace EdgeCascade.Codec.Layers;

/// <summary>The identity-skip plumbing shared by the residual blocks: out = body(x) + x (optionally ReLU after).</summary>
internal static class Residual
{
    public static void RequireSquare(int channels, params ReadOnlySpan<Conv2d> convs)
    {
        foreach (Conv2d conv in convs)
        {
            if (conv.InChannels != channels || conv.OutChannels != channels)
            {
                throw new ArgumentException($"Residual block of width {channels} cannot hold {conv}.", nameof(convs));
            }
        }
    }

    public static TensorShape OutputShape(ILayer body, TensorShape input)
    {
        TensorShape output = body.OutputShape(input);
        if (output != input)
        {
            throw new ArgumentException($"Residual body maps {input} to {output}; the identity skip needs equal shapes.", nameof(input));
        }

        return output;
    }

    public static LayerCost Cost(ILayer body, TensorShape input)
    {
        OutputShape(body, input);
        return body.Cost(input).Holding(input.ByteCount).AddFlops(input.ElementCount);
    }

    public static Tensor Forward(ILayer body, Tensor input, bool reluAfterAdd)
    {
        ArgumentNullException.ThrowIfNull(input);
        OutputShape(body, input.Shape);
        Tensor output = body.Forward(input);
        TensorOps.AddInPlace(output, input);
        if (reluAfterAdd)
        {
            TensorPrimitives.Max(output.Span, 0f, output.Span);
        }

        return output;
    }
}
