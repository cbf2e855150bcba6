using BenchmarkDotNet.Attributes;
using EdgeCascade.Codec.Tensors;

namespace EdgeCascade.Benchmarks.Codec;

/// <summary>
/// One convolution of the codec through the managed im2col GEMM, the naive reference loop, and (when
/// libopenblas.so.0 is installed) explicit im2col + OpenBLAS sgemm, in the same run.
/// GFLOP/s = <see cref="Flops"/> / mean time.
/// </summary>
[MemoryDiagnoser]
public class ConvBenchmarks
{
    private Tensor _input = null!;
    private float[] _weights = null!;
    private float[] _bias = null!;
    private PackedMatrix _packed = null!;
    private ConvolutionGeometry _geometry;
    private float[] _blasOutput = null!;

    /// <summary>Cin->Cout, input HxW, kernel, stride: the shapes that dominate g_a, g_s and φ.</summary>
    [Params("48-48x128x192-k5s2", "48-192x64x96-k3s1", "48-48x32x48-k3s1", "3-48x256x384-k5s2")]
    public string Shape { get; set; } = "48-48x128x192-k5s2";

    public long Flops { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        // "Cin-CoutxHxW-kKsS"
        string[] parts = Shape.Split('-', 'x', 'k', 's');
        int inChannels = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        int outChannels = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        int height = int.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture);
        int width = int.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture);
        int kernel = int.Parse(parts[5], System.Globalization.CultureInfo.InvariantCulture);
        int stride = int.Parse(parts[6], System.Globalization.CultureInfo.InvariantCulture);
        _geometry = new ConvolutionGeometry(kernel, kernel, stride, kernel / 2);
        _input = Tensor.Random(new TensorShape(1, inChannels, height, width), seed: 1);
        var random = new Random(2);
        _weights = [.. Enumerable.Range(0, outChannels * inChannels * kernel * kernel).Select(_ => random.NextSingle() - 0.5f)];
        _bias = new float[outChannels];
        _packed = new PackedMatrix(_weights, outChannels, inChannels * kernel * kernel);
        int pixels = _geometry.OutputHeight(height) * _geometry.OutputWidth(width);
        _blasOutput = new float[outChannels * pixels];
        Flops = 2L * outChannels * inChannels * kernel * kernel * pixels;
        Console.WriteLine($"// {Shape}: {Flops / 1e9:F3} GFLOP per call; OpenBLAS {(OpenBlas.IsAvailable ? "present" : "absent")}");
    }

    [Benchmark(Baseline = true)]
    public Tensor Managed() => Convolution.Forward(_input, _packed, _bias, _geometry);

    [Benchmark]
    public float OpenBlasSgemm()
    {
        if (!OpenBlas.IsAvailable)
        {
            return 0;
        }

        float[] columns = ReferenceKernels.Im2Col(_input, 0, _geometry);
        OpenBlas.Multiply(_weights, columns, _blasOutput, _packed.Rows, _packed.Depth, columns.Length / _packed.Depth);
        return _blasOutput[0];
    }

    [Benchmark]
    public Tensor Naive() => Flops < 1_000_000_000
        ? ReferenceKernels.Convolve(_input, _weights, _bias, _packed.Rows, _geometry)
        : _input;
}
