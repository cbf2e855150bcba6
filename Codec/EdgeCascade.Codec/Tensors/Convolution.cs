namespace EdgeCascade.Codec.Tensors;

/// <summary>2-D convolution (groups = 1) as an implicit im2col GEMM: output[Cout x HW] = W[Cout x K] * cols[K x HW].</summary>
public static class Convolution
{
    /// <summary>
    /// Convolves every batch item. <paramref name="weights"/> is [Cout, Cin*kh*kw] packed; a 1x1 stride-1
    /// convolution reads the input directly as B.
    /// </summary>
    public static Tensor Forward(Tensor input, PackedMatrix weights, float[]? bias, ConvolutionGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weights);
        int expectedDepth = input.C * geometry.KernelHeight * geometry.KernelWidth;
        if (weights.Depth != expectedDepth)
        {
            throw new ArgumentException($"Weights expect K={weights.Depth}, input {input.Shape} with kernel {geometry.KernelHeight}x{geometry.KernelWidth} gives K={expectedDepth}.", nameof(input));
        }

        int outputHeight = geometry.OutputHeight(input.H);
        int outputWidth = geometry.OutputWidth(input.W);
        var output = new Tensor(new TensorShape(input.N, weights.Rows, outputHeight, outputWidth));
        for (int n = 0; n < input.N; n++)
        {
            int inputOffset = input.Offset + (n * input.Shape.ItemSize);
            int outputOffset = n * output.Shape.ItemSize;
            if (geometry.IsPointwise)
            {
                Gemm.Run(weights, new DenseSource(input.Storage, inputOffset, input.C, input.Shape.PlaneSize, input.Shape.PlaneSize), output.Storage, outputOffset, bias);
            }
            else
            {
                using var source = new ConvolutionSource(input.Storage, inputOffset, input.C, input.H, input.W, geometry);
                Gemm.Run(weights, source, output.Storage, outputOffset, bias);
            }
        }

        return output;
    }
}
