using EdgeCascade.Codec.Tensors;

namespace EdgeCascade.Codec.Tests.Tensors;

public class GemmTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(8, 32, 32)]
    [InlineData(7, 5, 33)]
    [InlineData(13, 300, 65)]
    [InlineData(64, 600, 500)]
    [InlineData(130, 17, 1000)]
    public void Multiply_RandomMatrices_MatchesReference(int m, int k, int n)
    {
        float[] a = RandomValues(m * k, seed: m);
        float[] b = RandomValues(k * n, seed: n);
        var expected = new float[m * n];
        var actual = new float[m * n];

        ReferenceKernels.Multiply(a, b, expected, m, k, n);
        Gemm.Multiply(a, b, actual, m, k, n);

        AssertClose(expected, actual, k);
    }

    [Fact]
    public void Multiply_WithBias_AddsBiasPerRow()
    {
        float[] a = [1, 2, 3, 4];
        float[] b = [1, 0, 0, 1];
        var c = new float[4];

        Gemm.Multiply(new PackedMatrix(a, 2, 2), b, 0, 2, c, 0, bias: [10, 20]);

        Assert.Equal([11f, 12f, 23f, 24f], c);
    }

    [Fact]
    public void Multiply_DifferentThreadCounts_BitIdentical()
    {
        const int M = 96;
        const int K = 700;
        const int N = 1500;
        float[] a = RandomValues(M * K, seed: 11);
        float[] b = RandomValues(K * N, seed: 12);
        int saved = Gemm.MaxDegreeOfParallelism;
        try
        {
            var results = new List<float[]>();
            foreach (int threads in new[] { 1, 2, 3, 8 })
            {
                Gemm.MaxDegreeOfParallelism = threads;
                var c = new float[M * N];
                Gemm.Multiply(a, b, c, M, K, N);
                results.Add(c);
            }

            foreach (float[] result in results)
            {
                Assert.Equal(results[0], result);
            }
        }
        finally
        {
            Gemm.MaxDegreeOfParallelism = saved;
        }
    }

    [OpenBlasFact]
    public void Multiply_OpenBlasWhenPresent_AgreesWithManaged()
    {
        const int M = 64;
        const int K = 576;
        const int N = 3000;
        float[] a = RandomValues(M * K, seed: 21);
        float[] b = RandomValues(K * N, seed: 22);
        var managed = new float[M * N];
        var blas = new float[M * N];

        Gemm.Multiply(a, b, managed, M, K, N);
        OpenBlas.Multiply(a, b, blas, M, K, N);

        AssertClose(managed, blas, K);
    }

    internal static float[] RandomValues(int count, int seed)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (random.NextSingle() * 2) - 1;
        }

        return values;
    }

    internal static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, int depth)
    {
        Assert.Equal(expected.Length, actual.Length);
        float tolerance = 1e-5f * MathF.Sqrt(depth) * 4;
        for (int i = 0; i < expected.Length; i++)
        {
            float difference = MathF.Abs(expected[i] - actual[i]);
            Assert.True(difference <= tolerance * (1 + MathF.Abs(expected[i])), $"Element {i}: expected {expected[i]}, got {actual[i]}.");
        }
    }
}
