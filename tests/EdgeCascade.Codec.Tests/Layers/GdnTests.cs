using EdgeCascade.Codec.Layers;
using EdgeCascade.Codec.Tensors;

namespace EdgeCascade.Codec.Tests.Layers;

public class GdnTests
{
    // Two channels, one pixel: x = (1, 2), beta = (1, 2), gamma = [[0.5, 0.25], [0.1, 0.2]].
    // norm_0 = 1 + 0.5*1 + 0.25*4 = 2.5; norm_1 = 2 + 0.1*1 + 0.2*4 = 2.9.
    private static readonly float[] s_beta = [1f, 2f];
    private static readonly float[] s_gamma = [0.5f, 0.25f, 0.1f, 0.2f];
    private static readonly Tensor s_input = Tensor.FromValues(new TensorShape(1, 2, 1, 1), [1f, 2f]);

    [Fact]
    public void Gdn_HandComputed_DividesBySqrtNorm()
    {
        Tensor output = new Gdn(s_beta, s_gamma).Forward(s_input);
        Assert.Equal(1f / MathF.Sqrt(2.5f), output.Span[0], 6);
        Assert.Equal(2f / MathF.Sqrt(2.9f), output.Span[1], 6);
    }

    [Fact]
    public void InverseGdn_HandComputed_MultipliesBySqrtNorm()
    {
        Tensor output = new InverseGdn(s_beta, s_gamma).Forward(s_input);
        Assert.Equal(MathF.Sqrt(2.5f), output.Span[0], 6);
        Assert.Equal(2f * MathF.Sqrt(2.9f), output.Span[1], 6);
    }

    [Fact]
    public void Gdn_RandomTensor_MatchesFormulaPerPixel()
    {
        const int C = 5;
        (float[] beta, float[] gamma) = LayerTestData.GdnParameters(C, seed: 3);
        Tensor input = Tensor.Random(new TensorShape(1, C, 3, 4), seed: 4, low: -2f, high: 2f);

        Tensor forward = new Gdn(beta, gamma).Forward(input);
        Tensor inverse = new InverseGdn(beta, gamma).Forward(input);

        for (int h = 0; h < 3; h++)
        {
            for (int w = 0; w < 4; w++)
            {
                for (int c = 0; c < C; c++)
                {
                    double norm = beta[c];
                    for (int j = 0; j < C; j++)
                    {
                        norm += gamma[(c * C) + j] * (double)input[0, j, h, w] * input[0, j, h, w];
                    }

                    AssertRelative(input[0, c, h, w] / Math.Sqrt(norm), forward[0, c, h, w]);
                    AssertRelative(input[0, c, h, w] * Math.Sqrt(norm), inverse[0, c, h, w]);
                }
            }
        }
    }

    [Fact]
    public void Gdn_WrongChannels_Throws()
    {
        var gdn = new Gdn(s_beta, s_gamma);
        Assert.Throws<ArgumentException>(() => gdn.Forward(Tensor.Zeros(1, 3, 1, 1)));
    }

    [Fact]
    public void Gdn_GammaNotSquare_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Gdn([1f, 1f], [1f, 2f, 3f]));
    }

    [Fact]
    public void Cost_TwoChannels_CountsMatrixAndElementwiseWork()
    {
        var shape = new TensorShape(1, 2, 3, 3);
        LayerCost cost = new Gdn(s_beta, s_gamma).Cost(shape);
        Assert.Equal((2L * 2 * 18) + (4 * 18), cost.Flops);
        Assert.Equal(6, cost.Parameters);
    }

    private static void AssertRelative(double expected, float actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-5 * (1 + Math.Abs(expected)), $"Expected {expected}, got {actual}.");
}
