namespace EdgeCascade.Codec.Tensors;

/// <summary>Kernel size, stride and symmetric zero padding of a 2-D convolution (groups = 1, no dilation).</summary>
public readonly record struct ConvolutionGeometry
{
    public ConvolutionGeometry(int kernelHeight, int kernelWidth, int stride, int padding)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(kernelHeight, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(kernelWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        KernelHeight = kernelHeight;
        KernelWidth = kernelWidth;
        Stride = stride;
        Padding = padding;
    }

    public int KernelHeight { get; }

    public int KernelWidth { get; }

    public int Stride { get; }

    public int Padding { get; }

    public bool IsPointwise => KernelHeight == 1 && KernelWidth == 1 && Stride == 1 && Padding == 0;

    public int OutputHeight(int inputHeight) => Output(inputHeight, KernelHeight);

    public int OutputWidth(int inputWidth) => Output(inputWidth, KernelWidth);

    private int Output(int input, int kernel)
    {
        int size = ((input + (2 * Padding) - kernel) / Stride) + 1;
        if (input + (2 * Padding) < kernel || size <= 0)
        {
            throw new ArgumentException($"Input size {input} is smaller than kernel {kernel} with padding {Padding}.");
        }

        return size;
    }
}
