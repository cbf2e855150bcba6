using EdgeCascade.Codec.Layers;
using EdgeCascade.Codec.Tensors;

namespace EdgeCascade.Codec.Tests.Layers;

public class ElementwiseLayerTests
{
    private static readonly TensorShape s_shape = new(1, 1, 1, 4);

    [Fact]
    public void Relu_MixedSigns_ClampsNegativesToZero()
    {
        Tensor output = Relu.Instance.Forward(Tensor.FromValues(s_shape, [-2f, -0f, 0.5f, 3f]));
        Assert.Equal([0f, 0f, 0.5f, 3f], output.Span.ToArray());
    }

    [Fact]
    public void LeakyRelu_MixedSigns_ScalesNegativesByOneHundredth()
    {
        Tensor output = LeakyRelu.Default.Forward(Tensor.FromValues(s_shape, [-2f, -100f, 0.5f, 3f]));
        Assert.Equal([-0.02f, -1f, 0.5f, 3f], output.Span.ToArray());
    }

    [Fact]
    public void Sigmoid_KnownPoints_MatchesLogistic()
    {
        Tensor output = Sigmoid.Instance.Forward(Tensor.FromValues(s_shape, [0f, 2f, -2f, 20f]));
        float[] expected = [0.5f, 0.880797f, 0.119203f, 1f];
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(expected[i], output.Span[i], 5);
        }
    }

    [Fact]
    public void Forward_ElementwiseLayers_LeaveInputUnchanged()
    {
        Tensor input = Tensor.FromValues(s_shape, [-1f, 1f, -3f, 4f]);
        float[] before = input.Span.ToArray();
        foreach (ILayer layer in new ILayer[] { Relu.Instance, LeakyRelu.Default, Sigmoid.Instance })
        {
            Tensor output = layer.Forward(input);
            Assert.NotSame(input, output);
        }

        Assert.Equal(before, input.Span.ToArray());
    }

    [Fact]
    public void PixelShuffle_Cost_HasNoFlopsAndCountsBothTensors()
    {
        var shape = new TensorShape(1, 8, 4, 4);
        LayerCost cost = new PixelShuffle(2).Cost(shape);
        Assert.Equal(0, cost.Flops);
        Assert.Equal(2 * shape.ByteCount, cost.PeakActivationBytes);
        Assert.Equal(new TensorShape(1, 2, 8, 8), new PixelShuffle(2).OutputShape(shape));
    }
}
