using EdgeCascade.Codec.Tensors;

namespace EdgeCascade.Codec.Layers;

/// <summary>2-D convolution with bias, groups = 1 (PyTorch <c>nn.Conv2d</c>), run as an im2col GEMM.</summary>
public sealed class Conv2d : ILayer
{
    private readonly PackedMatrix _packed;
    private readonly float[]? _bias;

    /// <param name="weight">PyTorch layout [out, in, kh, kw].</param>
    /// <param name="bias">[out], or null for no bias.</param>
    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, float[] weight, float[]? bias)
    {
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentOutOfRangeException.ThrowIfLessThan(inChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outChannels, 1);
        Geometry = new ConvolutionGeometry(kernelSize, kernelSize, stride, padding);
        int depth = inChannels * kernelSize * kernelSize;
        if (weight.Length != outChannels * depth)
        {
            throw new ArgumentException($"Conv2d({inChannels}->{outChannels}, k{kernelSize}) needs {outChannels * depth} weights, got {weight.Length}.", nameof(weight));
        }

        if (bias is not null && bias.Length != outChannels)
        {
            throw new ArgumentException($"Conv2d with {outChannels} outputs needs {outChannels} biases, got {bias.Length}.", nameof(bias));
        }

        InChannels = inChannels;
        OutChannels = outChannels;
        _packed = new PackedMatrix(weight, outChannels, depth);
        _bias = bias;
        Weight = weight;
    }

    public int InChannels { get; }

    public int OutChannels { get; }

    public ConvolutionGeometry Geometry { get; }

    /// <summary>The unpacked weights, [out, in, kh, kw].</summary>
    public IReadOnlyList<float> Weight { get; }

    /// <summary>The bias, [out], or null.</summary>
    public IReadOnlyList<float>? Bias => _bias;

    public bool HasBias => _bias is not null;

    public TensorShape OutputShape(TensorShape input)
    {
        if (input.C != InChannels)
        {
            throw new ArgumentException($"Conv2d expects {InChannels} input channels, got {input}.", nameof(input));
        }

        return new TensorShape(input.N, OutChannels, Geometry.OutputHeight(input.H), Geometry.OutputWidth(input.W));
    }

    public LayerCost Cost(TensorShape input)
    {
        TensorShape output = OutputShape(input);
        long outputs = output.ElementCount;
        long macs = outputs * InChannels * Geometry.KernelHeight * Geometry.KernelWidth;
        long flops = (2 * macs) + (HasBias ? outputs : 0);
        long parameters = ((long)OutChannels * InChannels * Geometry.KernelHeight * Geometry.KernelWidth) + (HasBias ? OutChannels : 0);
        long peak = input.ByteCount + output.ByteCount + (Geometry.Stride > 1 ? input.ByteCount : 0);
        return new LayerCost(flops, parameters, peak);
    }

    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        OutputShape(input.Shape);
        return Convolution.Forward(input, _packed, _bias, Geometry);
    }

    public override string ToString() =>
        $"Conv2d({InChannels}->{OutChannels}, k{Geometry.KernelHeight}, s{Geometry.Stride}, p{Geometry.Padding})";
}
