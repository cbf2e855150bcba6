using EdgeCascade.Codec.Layers;
using EdgeCascade.Codec.Tensors;

namespace EdgeCascade.Codec.Tests.Layers;

/// <summary>Scalar re-implementations of the blocks, built only from the naive conv and per-element formulas.</summary>
internal static class Reference
{
    public static Tensor Conv(Conv2d conv, Tensor x) =>
        ReferenceKernels.Convolve(x, conv.Weight.ToArray(), conv.Bias?.ToArray() ?? [], conv.OutChannels, conv.Geometry);

    public static Tensor Map(Tensor x, Func<float, float> f)
    {
        var y = new Tensor(x.Shape);
        for (int i = 0; i < x.Length; i++)
        {
            y.Span[i] = f(x.Span[i]);
        }

        return y;
    }

    public static Tensor Zip(Tensor a, Tensor b, Func<float, float, float> f)
    {
        var y = new Tensor(a.Shape);
        for (int i = 0; i < a.Length; i++)
        {
            y.Span[i] = f(a.Span[i], b.Span[i]);
        }

        return y;
    }

    public static Tensor LeakyRelu(Tensor x) => Map(x, v => v >= 0 ? v : 0.01f * v);

    public static Tensor Relu(Tensor x) => Map(x, v => v > 0 ? v : 0);

    public static Tensor Gdn(Tensor x, float[] beta, float[] gamma, bool inverse)
    {
        int c = x.C;
        var y = new Tensor(x.Shape);
        for (int h = 0; h < x.H; h++)
        {
            for (int w = 0; w < x.W; w++)
            {
                for (int i = 0; i < c; i++)
                {
                    double norm = beta[i];
                    for (int j = 0; j < c; j++)
                    {
                        norm += gamma[(i * c) + j] * (double)x[0, j, h, w] * x[0, j, h, w];
                    }

                    y[0, i, h, w] = (float)(inverse ? x[0, i, h, w] * Math.Sqrt(norm) : x[0, i, h, w] / Math.Sqrt(norm));
                }
            }
        }

        return y;
    }

    public static Tensor Unit(ResidualUnit unit, Tensor x)
    {
        Tensor t = Relu(Conv(unit.Reduce, x));
        t = Relu(Conv(unit.Spatial, t));
        t = Conv(unit.Expand, t);
        return Relu(Zip(t, x, (a, b) => a + b));
    }

    public static void AssertClose(Tensor expected, Tensor actual, float tolerance = 1e-4f)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        float difference = TensorOps.MaxAbsDifference(expected, actual);
        Assert.True(difference < tolerance, $"Max abs difference {difference} exceeds {tolerance}.");
    }
}
