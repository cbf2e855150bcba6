using EdgeCascade.Codec.Layers;
using EdgeCascade.Codec.Tensors;

namespace EdgeCascade.Codec.Tests.Layers;

public class Conv2dTests
{
    [Fact]
    public void Forward_HandComputed3x3_SumsNeighbourhoodPlusBias()
    {
        // All-ones 3x3 kernel with padding 1 over a 3x3 ramp: the centre sees every value (0+...+8 = 36).
        Tensor input = Tensor.FromValues(new TensorShape(1, 1, 3, 3), [0, 1, 2, 3, 4, 5, 6, 7, 8]);
        var conv = new Conv2d(1, 1, 3, 1, 1, Enumerable.Repeat(1f, 9).ToArray(), [0.5f]);

        Tensor output = conv.Forward(input);

        Assert.Equal(36.5f, output[0, 0, 1, 1]);
        Assert.Equal(0 + 1 + 3 + 4 + 0.5f, output[0, 0, 0, 0]);
        Assert.Equal(4 + 5 + 7 + 8 + 0.5f, output[0, 0, 2, 2]);
    }

    [Fact]
    public void Forward_Stride2Kernel5Pad2_HalvesSizeAndMatchesReference()
    {
        Conv2d conv = LayerTestData.Conv(3, 16, 5, seed: 9, stride: 2, padding: 2);
        Tensor input = Tensor.Random(new TensorShape(1, 3, 64, 96), seed: 10);

        Tensor output = conv.Forward(input);
        Tensor expected = ReferenceKernels.Convolve(input, conv.Weight.ToArray(), conv.Bias?.ToArray() ?? [], 16, conv.Geometry);

        Assert.Equal(new TensorShape(1, 16, 32, 48), output.Shape);
        Assert.True(TensorOps.MaxAbsDifference(expected, output) < 1e-4f);
    }

    [Theory]
    [InlineData(1, 3, 5, 7, 1, 1, 0)]
    [InlineData(3, 6, 20, 30, 5, 2, 2)]
    [InlineData(8, 8, 17, 9, 3, 1, 1)]
    [InlineData(5, 4, 11, 13, 5, 2, 2)]
    [InlineData(7, 2, 10, 6, 3, 2, 1)]
    public void Forward_SeededRandomShapes_MatchNaiveReference(int inChannels, int outChannels, int height, int width, int kernel, int stride, int padding)
    {
        int seed = (inChannels * 31) + (height * 7) + kernel;
        Conv2d conv = LayerTestData.Conv(inChannels, outChannels, kernel, seed, stride, padding);
        Tensor input = Tensor.Random(new TensorShape(1, inChannels, height, width), seed + 5);

        Tensor output = conv.Forward(input);
        Tensor expected = ReferenceKernels.Convolve(input, conv.Weight.ToArray(), conv.Bias?.ToArray() ?? [], outChannels, conv.Geometry);

        Assert.Equal(expected.Shape, output.Shape);
        Assert.True(TensorOps.MaxAbsDifference(expected, output) < 1e-4f);
    }

    [Fact]
    public void Cost_Kernel5Stride2_CountsMultiplyAddAsTwo()
    {
        var conv = new Conv2d(3, 64, 5, 2, 2, new float[64 * 3 * 25], new float[64]);
        var input = new TensorShape(1, 3, 512, 768);

        LayerCost cost = conv.Cost(input);

        long outputs = 64L * 256 * 384;
        Assert.Equal((2 * outputs * 75) + outputs, cost.Flops);
        Assert.Equal((64 * 75) + 64, cost.Parameters);
        Assert.Equal(new TensorShape(1, 64, 256, 384), conv.OutputShape(input));
    }

    [Fact]
    public void Constructor_WrongWeightCount_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Conv2d(2, 2, 3, 1, 1, new float[10], null));
    }

    [Fact]
    public void Forward_WrongInputChannels_Throws()
    {
        Conv2d conv = LayerTestData.Conv(2, 2, 1, seed: 1);
        Assert.Throws<ArgumentException>(() => conv.Forward(Tensor.Zeros(1, 3, 2, 2)));
    }
}
