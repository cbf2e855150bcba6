using EdgeCascade.Codec.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace EdgeCascade.Codec.Layers;

/// <summary>
/// Shared arithmetic of <see cref="Gdn"/> and <see cref="InverseGdn"/>:
/// norm_c = beta_c + sum_j gamma[c, j] * x_j^2, computed as a 1x1 convolution of x^2 with gamma.
/// </summary>
internal sealed class GdnKernel
{
    private readonly PackedMatrix _gamma;
    private readonly float[] _beta;

    public GdnKernel(float[] beta, float[] gamma)
    {
        ArgumentNullException.ThrowIfNull(beta);
        ArgumentNullException.ThrowIfNull(gamma);
        int channels = beta.Length;
        if (channels == 0 || gamma.Length != channels * channels)
        {
            throw new ArgumentException($"GDN with {channels} channels needs gamma of {channels}x{channels}, got {gamma.Length} values.", nameof(gamma));
        }

        Channels = channels;
        _beta = beta;
        _gamma = new PackedMatrix(gamma, channels, channels);
    }

    public int Channels { get; }

    public void RequireChannels(TensorShape input, string layer)
    {
        if (input.C != Channels)
        {
            throw new ArgumentException($"{layer} expects {Channels} channels, got {input}.", nameof(input));
        }
    }

    public LayerCost Cost(TensorShape input)
    {
        long elements = input.ElementCount;
        long flops = (2L * Channels * elements) + (4 * elements);
        return new LayerCost(flops, (long)Channels * (Channels + 1), 3 * input.ByteCount);
    }

    /// <summary>x / sqrt(norm) (forward) or x * sqrt(norm) (inverse).</summary>
    public Tensor Forward(Tensor input, bool inverse)
    {
        var squared = new Tensor(input.Shape);
        ParallelWork.ForChunks(input.Length, (start, length) =>
        {
            ReadOnlySpan<float> x = input.Span.Slice(start, length);
            TensorPrimitives.Multiply(x, x, squared.Span.Slice(start, length));
        });
        Tensor norm = Convolution.Forward(squared, _gamma, _beta, new ConvolutionGeometry(1, 1, 1, 0));
        ParallelWork.ForChunks(norm.Length, (start, length) =>
        {
            Span<float> values = norm.Span.Slice(start, length);
            ReadOnlySpan<float> x = input.Span.Slice(start, length);
            TensorPrimitives.Sqrt(values, values);
            if (inverse)
            {
                TensorPrimitives.Multiply(x, values, values);
            }
            else
            {
                TensorPrimitives.Divide(x, values, values);
            }
        });

        return norm;
    }
}
