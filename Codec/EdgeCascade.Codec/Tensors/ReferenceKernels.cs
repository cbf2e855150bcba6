namespace EdgeCascade.Codec.Tensors;

/// <summary>Naive, obviously correct loops used as the reference in tests and benchmarks.</summary>
public static class ReferenceKernels
{
    /// <summary>Direct convolution; weights are PyTorch layout [Cout, Cin, kh, kw], summed in double.</summary>
    public static Tensor Convolve(Tensor input, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, int outChannels, ConvolutionGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(input);
        int kh = geometry.KernelHeight;
        int kw = geometry.KernelWidth;
        int outputHeight = geometry.OutputHeight(input.H);
        int outputWidth = geometry.OutputWidth(input.W);
        var output = new Tensor(new TensorShape(input.N, outChannels, outputHeight, outputWidth));
        for (int n = 0; n < input.N; n++)
        {
            for (int o = 0; o < outChannels; o++)
            {
                for (int oy = 0; oy < outputHeight; oy++)
                {
                    for (int ox = 0; ox < outputWidth; ox++)
                    {
                        double sum = bias.IsEmpty ? 0 : bias[o];
                        for (int c = 0; c < input.C; c++)
                        {
                            for (int ky = 0; ky < kh; ky++)
                            {
                                int iy = (oy * geometry.Stride) + ky - geometry.Padding;
                                if ((uint)iy >= (uint)input.H)
                                {
                                    continue;
                                }

                                for (int kx = 0; kx < kw; kx++)
                                {
                                    int ix = (ox * geometry.Stride) + kx - geometry.Padding;
                                    if ((uint)ix >= (uint)input.W)
                                    {
                                        continue;
                                    }

                                    sum += (double)weights[(((((o * input.C) + c) * kh) + ky) * kw) + kx] * input[n, c, iy, ix];
                                }
                            }
                        }

                        output[n, o, oy, ox] = (float)sum;
                    }
                }
            }
        }

        return output;
    }

    /// <summary>C = A * B for row-major operands, summed in double.</summary>
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                {
                    sum += (double)a[(i * k) + p] * b[(p * n) + j];
                }

                c[(i * n) + j] = (float)sum;
            }
        }
    }

    /// <summary>
    /// The explicit im2col matrix of one batch item: K = C*kh*kw rows by Hout*Wout columns, row-major
    /// (what a BLAS-based convolution multiplies the [Cout, K] weights with).
    /// </summary>
    public static float[] Im2Col(Tensor input, int item, ConvolutionGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(input);
        int kh = geometry.KernelHeight;
        int kw = geometry.KernelWidth;
        int outputHeight = geometry.OutputHeight(input.H);
        int outputWidth = geometry.OutputWidth(input.W);
        int columns = outputHeight * outputWidth;
        var matrix = new float[(long)input.C * kh * kw * columns];
        int row = 0;
        for (int c = 0; c < input.C; c++)
        {
            ReadOnlySpan<float> plane = input.Plane(item, c);
            for (int ky = 0; ky < kh; ky++)
            {
                for (int kx = 0; kx < kw; kx++)
                {
                    Span<float> target = matrix.AsSpan(row * columns, columns);
                    for (int oy = 0; oy < outputHeight; oy++)
                    {
                        int iy = (oy * geometry.Stride) + ky - geometry.Padding;
                        if ((uint)iy >= (uint)input.H)
                        {
                            continue;
                        }

                        for (int ox = 0; ox < outputWidth; ox++)
                        {
                            int ix = (ox * geometry.Stride) + kx - geometry.Padding;
                            if ((uint)ix < (uint)input.W)
                            {
                                target[(oy * outputWidth) + ox] = plane[(iy * input.W) + ix];
                            }
                        }
                    }

                    row++;
                }
            }
        }

        return matrix;
    }
}
