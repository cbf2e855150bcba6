using EdgeCascade.Codec.Tensors;

namespace EdgeCascade.Codec.Tests.Tensors;

public class ConvolutionTests
{
    [Theory]
    [InlineData(3, 8, 13, 17, 5, 2, 2)]
    [InlineData(4, 6, 16, 16, 5, 2, 2)]
    [InlineData(5, 9, 7, 11, 3, 1, 1)]
    [InlineData(9, 16, 6, 40, 1, 1, 0)]
    [InlineData(2, 3, 9, 9, 3, 2, 0)]
    [InlineData(3, 5, 8, 10, 4, 3, 1)]
    [InlineData(16, 20, 33, 35, 5, 1, 2)]
    [InlineData(8, 16, 20, 100, 3, 1, 1)]
    [InlineData(6, 12, 40, 130, 5, 2, 2)]
    [InlineData(48, 12, 9, 128, 3, 1, 1)]
    [InlineData(24, 36, 5, 160, 1, 1, 0)]
    public void Forward_RandomShapes_MatchesNaiveReference(int inChannels, int outChannels, int height, int width, int kernel, int stride, int padding)
    {
        int seed = (inChannels * 1000) + (height * 10) + kernel;
        var geometry = new ConvolutionGeometry(kernel, kernel, stride, padding);
        Tensor input = Tensor.Random(new TensorShape(2, inChannels, height, width), seed);
        float[] weights = GemmTests.RandomValues(outChannels * inChannels * kernel * kernel, seed + 1);
        float[] bias = GemmTests.RandomValues(outChannels, seed + 2);

        Tensor expected = ReferenceKernels.Convolve(input, weights, bias, outChannels, geometry);
        Tensor actual = Convolution.Forward(input, new PackedMatrix(weights, outChannels, inChannels * kernel * kernel), bias, geometry);

        Assert.Equal(expected.Shape, actual.Shape);
        GemmTests.AssertClose(expected.Span, actual.Span, inChannels * kernel * kernel);
    }

    [Fact]
    public void Forward_ChannelView_ReadsOnlyTheView()
    {
        Tensor full = Tensor.Random(new TensorShape(1, 6, 5, 5), seed: 3);
        Tensor view = full.SliceChannels(2, 3);
        var geometry = new ConvolutionGeometry(3, 3, 1, 1);
        float[] weights = GemmTests.RandomValues(4 * 3 * 9, seed: 4);

        Tensor expected = ReferenceKernels.Convolve(view.Clone(), weights, [], 4, geometry);
        Tensor actual = Convolution.Forward(view, new PackedMatrix(weights, 4, 27), null, geometry);

        GemmTests.AssertClose(expected.Span, actual.Span, 27);
    }
}
