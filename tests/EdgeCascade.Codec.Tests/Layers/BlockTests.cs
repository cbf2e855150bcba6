using EdgeCascade.Codec.Layers;
using EdgeCascade.Codec.Tensors;

namespace EdgeCascade.Codec.Tests.Layers;

public class BlockTests
{
    private const int Width = 8;
    private static readonly TensorShape s_shape = new(1, Width, 7, 9);

    [Fact]
    public void ResidualGdn_Forward_MatchesConvLreluConvGdnPlusIdentity()
    {
        Conv2d conv1 = LayerTestData.Conv(Width, Width, 3, seed: 1);
        Conv2d conv2 = LayerTestData.Conv(Width, Width, 3, seed: 2);
        (float[] beta, float[] gamma) = LayerTestData.GdnParameters(Width, seed: 3);
        var block = new ResidualGdn(conv1, conv2, new Gdn(beta, gamma));
        Tensor x = Tensor.Random(s_shape, seed: 4);

        Tensor t = Reference.Conv(conv2, Reference.LeakyRelu(Reference.Conv(conv1, x)));
        Tensor expected = Reference.Zip(Reference.Gdn(t, beta, gamma, inverse: false), x, (a, b) => a + b);

        Reference.AssertClose(expected, block.Forward(x));
    }

    [Fact]
    public void ResidualLrelu_Forward_MatchesTwoConvLreluPlusIdentity()
    {
        Conv2d conv1 = LayerTestData.Conv(Width, Width, 3, seed: 5);
        Conv2d conv2 = LayerTestData.Conv(Width, Width, 3, seed: 6);
        var block = new ResidualLrelu(conv1, conv2);
        Tensor x = Tensor.Random(s_shape, seed: 7);

        Tensor t = Reference.LeakyRelu(Reference.Conv(conv2, Reference.LeakyRelu(Reference.Conv(conv1, x))));
        Tensor expected = Reference.Zip(t, x, (a, b) => a + b);

        Reference.AssertClose(expected, block.Forward(x));
    }

    [Fact]
    public void ResidualUnit_Forward_AppliesReluAfterAddition()
    {
        ResidualUnit unit = LayerTestData.Unit(Width, seed: 8);
        Tensor x = Tensor.Random(s_shape, seed: 9);

        Tensor output = unit.Forward(x);

        Reference.AssertClose(Reference.Unit(unit, x), output);
        Assert.All(output.Span.ToArray(), v => Assert.True(v >= 0));
    }

    [Fact]
    public void AttentionBlock_Forward_MatchesAGatedBySigmoidOfBPlusIdentity()
    {
        ResidualUnit[] a = [LayerTestData.Unit(Width, 10), LayerTestData.Unit(Width, 40), LayerTestData.Unit(Width, 70)];
        ResidualUnit[] b = [LayerTestData.Unit(Width, 100), LayerTestData.Unit(Width, 130), LayerTestData.Unit(Width, 160)];
        Conv2d gate = LayerTestData.Conv(Width, Width, 1, seed: 190);
        var block = new AttentionBlock(a, b, gate);
        Tensor x = Tensor.Random(s_shape, seed: 11);

        Tensor branchA = x;
        foreach (ResidualUnit unit in a)
        {
            branchA = Reference.Unit(unit, branchA);
        }

        Tensor branchB = x;
        foreach (ResidualUnit unit in b)
        {
            branchB = Reference.Unit(unit, branchB);
        }

        branchB = Reference.Conv(gate, branchB);
        Tensor gated = Reference.Zip(branchA, branchB, (u, v) => u / (1 + MathF.Exp(-v)));
        Tensor expected = Reference.Zip(gated, x, (u, v) => u + v);

        Reference.AssertClose(expected, block.Forward(x));
    }

    [Fact]
    public void Sequential_Forward_EqualsLayersInOrderAndKeepsInput()
    {
        Conv2d conv = LayerTestData.Conv(4, 16, 3, seed: 12);
        (float[] beta, float[] gamma) = LayerTestData.GdnParameters(4, seed: 13);
        var sequential = new Sequential(conv, new PixelShuffle(2), new InverseGdn(beta, gamma), LeakyRelu.Default);
        Tensor x = Tensor.Random(new TensorShape(1, 4, 5, 6), seed: 14);
        float[] before = x.Span.ToArray();

        Tensor expected = Reference.LeakyRelu(Reference.Gdn(TensorOps.PixelShuffle(Reference.Conv(conv, x), 2), beta, gamma, inverse: true));
        Tensor output = sequential.Forward(x);

        Reference.AssertClose(expected, output);
        Assert.Equal(before, x.Span.ToArray());
        Assert.Equal(new TensorShape(1, 4, 10, 12), sequential.OutputShape(x.Shape));
    }

    [Fact]
    public void Sequential_Cost_SumsFlopsAndParamsAndTakesMaxPeak()
    {
        Conv2d first = LayerTestData.Conv(4, 8, 3, seed: 1);
        Conv2d second = LayerTestData.Conv(8, 4, 1, seed: 2);
        var sequential = new Sequential(first, Relu.Instance, second);
        var shape = new TensorShape(1, 4, 10, 10);

        LayerCost cost = sequential.Cost(shape);
        LayerCost a = first.Cost(shape);
        LayerCost b = Relu.Instance.Cost(first.OutputShape(shape));
        LayerCost c = second.Cost(first.OutputShape(shape));

        Assert.Equal(a.Flops + b.Flops + c.Flops, cost.Flops);
        Assert.Equal(a.Parameters + c.Parameters, cost.Parameters);
        Assert.Equal(Math.Max(a.PeakActivationBytes, Math.Max(b.PeakActivationBytes, c.PeakActivationBytes)), cost.PeakActivationBytes);
    }

    [Fact]
    public void ResidualLrelu_NonSquareConv_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ResidualLrelu(LayerTestData.Conv(4, 8, 3, 1), LayerTestData.Conv(8, 4, 3, 2)));
    }
}
