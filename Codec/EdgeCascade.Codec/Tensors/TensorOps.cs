using System.Numerics.Tensors;

namespace EdgeCascade.Codec.Tensors;

/// <summary>Layout operations on NCHW tensors: channel concat/chunk, pixel shuffle, padding and cropping.</summary>
public static class TensorOps
{
    /// <summary>Concatenates tensors along the channel axis; all must share N, H and W.</summary>
    public static Tensor ConcatChannels(params ReadOnlySpan<Tensor> parts)
    {
        if (parts.Length == 0)
        {
            throw new ArgumentException("Nothing to concatenate.", nameof(parts));
        }

        TensorShape first = parts[0].Shape;
        int channels = 0;
        foreach (Tensor part in parts)
        {
            if (part.N != first.N || part.H != first.H || part.W != first.W)
            {
                throw new ArgumentException($"Cannot concatenate {part.Shape} with {first} along channels.", nameof(parts));
            }

            channels += part.C;
        }

        var result = new Tensor(first.WithChannels(channels));
        for (int n = 0; n < first.N; n++)
        {
            Span<float> destination = result.BatchItem(n);
            int position = 0;
            foreach (Tensor part in parts)
            {
                Span<float> source = part.BatchItem(n);
                source.CopyTo(destination[position..]);
                position += source.Length;
            }
        }

        return result;
    }

    /// <summary>
    /// Splits along channels into <paramref name="count"/> equal parts (PyTorch <c>chunk(count, dim=1)</c>
    /// with an evenly divisible channel count). Parts of a single-item tensor are views.
    /// </summary>
    public static Tensor[] ChunkChannels(Tensor tensor, int count)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (count <= 0 || tensor.C % count != 0)
        {
            throw new ArgumentException($"Cannot split {tensor.C} channels into {count} equal parts.", nameof(count));
        }

        int size = tensor.C / count;
        var parts = new Tensor[count];
        for (int i = 0; i < count; i++)
        {
            parts[i] = tensor.SliceChannels(i * size, size);
        }

        return parts;
    }

    /// <summary>
    /// PyTorch <c>PixelShuffle(factor)</c>: output[c, h*r + i, w*r + j] = input[c*r*r + i*r + j, h, w].
    /// </summary>
    public static Tensor PixelShuffle(Tensor input, int factor)
    {
        ArgumentNullException.ThrowIfNull(input);
        int r2 = factor * factor;
        if (factor <= 0 || input.C % r2 != 0)
        {
            throw new ArgumentException($"Pixel shuffle by {factor} needs channels divisible by {r2}, got {input.Shape}.", nameof(factor));
        }

        int outChannels = input.C / r2;
        int height = input.H;
        int width = input.W;
        int outWidth = width * factor;
        var output = new Tensor(new TensorShape(input.N, outChannels, height * factor, outWidth));
        ParallelWork.For(input.N * outChannels, (long)r2 * height * width, item =>
        {
            int n = item / outChannels;
            int c = item % outChannels;
            Span<float> destination = output.Plane(n, c);
            for (int i = 0; i < factor; i++)
            {
                for (int j = 0; j < factor; j++)
                {
                    ReadOnlySpan<float> source = input.Plane(n, (c * r2) + (i * factor) + j);
                    for (int h = 0; h < height; h++)
                    {
                        ReadOnlySpan<float> sourceRow = source.Slice(h * width, width);
                        Span<float> destinationRow = destination.Slice((((h * factor) + i) * outWidth) + j);
                        for (int w = 0; w < width; w++)
                        {
                            destinationRow[w * factor] = sourceRow[w];
                        }
                    }
                }
            }
        });

        return output;
    }

    /// <summary>Zero-pads right and bottom so that H and W are multiples of <paramref name="multiple"/>.</summary>
    public static Tensor PadToMultiple(Tensor input, int multiple)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfLessThan(multiple, 1);
        int height = RoundUp(input.H, multiple);
        int width = RoundUp(input.W, multiple);
        return PadBottomRight(input, height, width);
    }

    /// <summary>Zero-pads right and bottom to exactly <paramref name="height"/> x <paramref name="width"/>.</summary>
    public static Tensor PadBottomRight(Tensor input, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (height < input.H || width < input.W)
        {
            throw new ArgumentException($"Cannot pad {input.Shape} to a smaller {height}x{width}.", nameof(height));
        }

        if (height == input.H && width == input.W)
        {
            return input.Clone();
        }

        var output = new Tensor(input.Shape.WithSpatial(height, width));
        CopyWindow(input, output, input.H, input.W);
        return output;
    }

    /// <summary>The top-left <paramref name="height"/> x <paramref name="width"/> window (undoes padding).</summary>
    public static Tensor Crop(Tensor input, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (height <= 0 || width <= 0 || height > input.H || width > input.W)
        {
            throw new ArgumentException($"Cannot crop {input.Shape} to {height}x{width}.", nameof(height));
        }

        var output = new Tensor(input.Shape.WithSpatial(height, width));
        CopyWindow(input, output, height, width);
        return output;
    }

    /// <summary><paramref name="target"/> += <paramref name="addend"/>, element-wise.</summary>
    public static void AddInPlace(Tensor target, Tensor addend)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(addend);
        RequireSameShape(target, addend);
        TensorPrimitives.Add(target.Span, addend.Span, target.Span);
    }

    public static Tensor Add(Tensor left, Tensor right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        RequireSameShape(left, right);
        var result = new Tensor(left.Shape);
        TensorPrimitives.Add(left.Span, right.Span, result.Span);
        return result;
    }

    /// <summary>Largest absolute element-wise difference; used by parity and agreement tests.</summary>
    public static float MaxAbsDifference(Tensor left, Tensor right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        RequireSameShape(left, right);
        ReadOnlySpan<float> a = left.Span;
        ReadOnlySpan<float> b = right.Span;
        float max = 0f;
        for (int i = 0; i < a.Length; i++)
        {
            max = MathF.Max(max, MathF.Abs(a[i] - b[i]));
        }

        return max;
    }

    internal static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    private static void RequireSameShape(Tensor left, Tensor right)
    {
        if (left.Shape != right.Shape)
        {
            throw new ArgumentException($"Shapes differ: {left.Shape} vs {right.Shape}.");
        }
    }

    private static void CopyWindow(Tensor source, Tensor destination, int height, int width)
    {
        for (int n = 0; n < source.N; n++)
        {
            for (int c = 0; c < source.C; c++)
            {
                ReadOnlySpan<float> from = source.Plane(n, c);
                Span<float> to = destination.Plane(n, c);
                for (int h = 0; h < height; h++)
                {
                    from.Slice(h * source.W, width).CopyTo(to.Slice(h * destination.W, width));
                }
            }
        }
    }
}
