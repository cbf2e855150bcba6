using EdgeCascade.Experiments.Analysis;

namespace EdgeCascade.Experiments.Tests.Analysis;

public sealed class KozachenkoLeonenkoTests
{
    private const int SampleCount = 5000;

    [Fact]
    public void Estimate_OneDimensionalGaussian_MatchesClosedForm()
    {
        const double sigma = 2.0;
        var samples = Gaussian(SampleCount, 1, seed: 1).Select(v => v * sigma).ToArray();
        var expected = 0.5 * Math.Log2(2 * Math.PI * Math.E * sigma * sigma);

        var estimate = KozachenkoLeonenko.Estimate(samples, 1);

        Assert.Equal(expected, estimate.Bits, 0.05);
        Assert.Equal(SampleCount, estimate.Samples);
        Assert.Equal(0, estimate.SkippedSamples);
    }

    [Fact]
    public void Estimate_CorrelatedThreeDimensionalGaussian_MatchesClosedForm()
    {
        // x = L z with L lower triangular: Σ = L Lᵀ, det Σ = Π L_ii².
        double[,] l = { { 1.0, 0, 0 }, { 0.8, 0.6, 0 }, { -0.5, 0.3, 1.5 } };
        var z = Gaussian(SampleCount, 3, seed: 2);
        var x = new double[z.Length];
        for (var i = 0; i < SampleCount; i++)
        {
            for (var r = 0; r < 3; r++)
            {
                for (var c = 0; c <= r; c++)
                {
                    x[(3 * i) + r] += l[r, c] * z[(3 * i) + c];
                }
            }
        }

        var det = Math.Pow(1.0 * 0.6 * 1.5, 2);
        var expected = 0.5 * Math.Log2(Math.Pow(2 * Math.PI * Math.E, 3) * det);

        var estimate = KozachenkoLeonenko.Estimate(x, 3);

        Assert.Equal(expected, estimate.Bits, 0.1);
    }

    [Fact]
    public void Estimate_TwelveDimensionalGaussian_BruteForcePathWithinTolerance()
    {
        // Above the KD-tree limit the SIMD brute force runs. KL's finite-sample bias grows with m, so the
        // tolerance is per dimension: 0.05 bit/dim (3000 samples keep the all-pairs test quick).
        const int m = 12;
        var samples = Gaussian(3000, m, seed: 3);
        var expected = 0.5 * m * Math.Log2(2 * Math.PI * Math.E);

        var estimate = KozachenkoLeonenko.Estimate(samples, m);

        Assert.Equal(expected / m, estimate.BitsPerDimension, 0.05);
    }

    [Fact]
    public void Estimate_UniformSquare_IsLogOfArea()
    {
        // Uniform on [0, 2]²: h = log2(4) = 2 bits. Boundary effects bias KL slightly upwards.
        var random = new Random(4);
        var samples = Enumerable.Range(0, 2 * SampleCount).Select(_ => 2 * random.NextDouble()).ToArray();

        var estimate = KozachenkoLeonenko.Estimate(samples, 2);

        Assert.Equal(2.0, estimate.Bits, 0.06);
    }

    [Fact]
    public void Estimate_UniformCube_IsLogOfVolume()
    {
        // Uniform on [0, 0.5]³: h = 3·log2(0.5) = −3 bits. KL overestimates near the faces of a bounded
        // support (neighbour balls stick out of the cube); at N = 5000 in 3-D that is about +0.12 bit.
        var random = new Random(5);
        var samples = Enumerable.Range(0, 3 * SampleCount).Select(_ => 0.5 * random.NextDouble()).ToArray();

        var estimate = KozachenkoLeonenko.Estimate(samples, 3);

        Assert.Equal(-3.0, estimate.Bits, 0.15);
    }

    [Fact]
    public void Estimate_Translated_IsUnchanged()
    {
        var samples = Gaussian(2000, 2, seed: 6);
        var shifted = samples.Select((v, i) => v + (i % 2 == 0 ? 100.0 : -7.5)).ToArray();

        Assert.Equal(KozachenkoLeonenko.Estimate(samples, 2).Bits, KozachenkoLeonenko.Estimate(shifted, 2).Bits, 1e-9);
    }

    [Fact]
    public void Estimate_Scaled_ShiftsByMTimesLogScale()
    {
        var samples = Gaussian(2000, 3, seed: 7);
        var scaled = samples.Select(v => v * 8).ToArray();

        var difference = KozachenkoLeonenko.Estimate(scaled, 3).Bits - KozachenkoLeonenko.Estimate(samples, 3).Bits;

        Assert.Equal(3 * Math.Log2(8), difference, 1e-9);
    }

    [Fact]
    public void Estimate_Rotated_IsUnchanged()
    {
        var samples = Gaussian(2000, 2, seed: 8).Select((v, i) => i % 2 == 0 ? 3 * v : v).ToArray();
        var (sin, cos) = Math.SinCos(0.7);
        var rotated = new double[samples.Length];
        for (var i = 0; i < samples.Length; i += 2)
        {
            rotated[i] = (cos * samples[i]) - (sin * samples[i + 1]);
            rotated[i + 1] = (sin * samples[i]) + (cos * samples[i + 1]);
        }

        Assert.Equal(KozachenkoLeonenko.Estimate(samples, 2).Bits, KozachenkoLeonenko.Estimate(rotated, 2).Bits, 1e-9);
    }

    [Fact]
    public void Estimate_SamplesReordered_IsUnchanged()
    {
        var samples = Gaussian(1000, 2, seed: 9);
        var reversed = new double[samples.Length];
        for (var i = 0; i < 1000; i++)
        {
            reversed[2 * i] = samples[2 * (999 - i)];
            reversed[(2 * i) + 1] = samples[(2 * (999 - i)) + 1];
        }

        Assert.Equal(KozachenkoLeonenko.Estimate(samples, 2).Bits, KozachenkoLeonenko.Estimate(reversed, 2).Bits, 1e-9);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    public void Estimate_KdTreeAndBruteForce_Agree(int dimension)
    {
        var samples = Gaussian(1500, dimension, seed: 10);

        var tree = KozachenkoLeonenko.Estimate(samples, dimension, new KozachenkoLeonenkoOptions(Search: NeighbourSearch.KdTree));
        var brute = KozachenkoLeonenko.Estimate(samples, dimension, new KozachenkoLeonenkoOptions(Search: NeighbourSearch.BruteForce));

        Assert.Equal(brute.Bits, tree.Bits, 1e-12);
    }

    [Fact]
    public void Estimate_SameInput_BitIdentical()
    {
        var samples = Gaussian(3000, 4, seed: 11);

        var first = KozachenkoLeonenko.Estimate(samples, 4);
        var second = KozachenkoLeonenko.Estimate(samples, 4);

        Assert.Equal(BitConverter.DoubleToInt64Bits(first.Bits), BitConverter.DoubleToInt64Bits(second.Bits));
    }

    [Fact]
    public void Estimate_FloatOverload_MatchesDouble()
    {
        var samples = Gaussian(1000, 2, seed: 12).Select(v => (double)(float)v).ToArray();
        var floats = samples.Select(v => (float)v).ToArray();

        Assert.Equal(KozachenkoLeonenko.Estimate(samples, 2).Bits, KozachenkoLeonenko.Estimate(floats, 2).Bits, 12);
    }

    [Fact]
    public void Estimate_DuplicatesWithoutJitter_SkipsZeroDistances()
    {
        // Integer-valued 1-D data: most samples have k identical neighbours.
        var random = new Random(13);
        var samples = Enumerable.Range(0, 2000).Select(_ => Math.Round(random.NextDouble() * 100 * random.NextDouble())).ToArray();

        var estimate = KozachenkoLeonenko.Estimate(samples, 1);

        Assert.True(estimate.SkippedSamples > 0);
        Assert.True(double.IsFinite(estimate.Bits));
    }

    [Fact]
    public void Estimate_QuantizedUniformWithHalfStepJitter_RecoversDiscreteEntropy()
    {
        // Uniform over 16 integers: discrete entropy 4 bits; ±0.5 jitter makes a continuous uniform on
        // [−0.5, 15.5] with differential entropy log2(16) = 4 bits.
        var random = new Random(14);
        var samples = Enumerable.Range(0, SampleCount).Select(_ => (double)random.Next(16)).ToArray();

        var estimate = KozachenkoLeonenko.Estimate(samples, 1, new KozachenkoLeonenkoOptions(JitterHalfWidth: 0.5, Seed: 42));

        Assert.Equal(4.0, estimate.Bits, 0.05);
        Assert.Equal(0, estimate.SkippedSamples);
    }

    [Fact]
    public void Estimate_JitterSeed_ChangesResultDeterministically()
    {
        var samples = Enumerable.Range(0, 1000).Select(i => (double)(i % 10)).ToArray();

        var a = KozachenkoLeonenko.Estimate(samples, 1, new KozachenkoLeonenkoOptions(JitterHalfWidth: 0.5, Seed: 1));
        var b = KozachenkoLeonenko.Estimate(samples, 1, new KozachenkoLeonenkoOptions(JitterHalfWidth: 0.5, Seed: 1));
        var c = KozachenkoLeonenko.Estimate(samples, 1, new KozachenkoLeonenkoOptions(JitterHalfWidth: 0.5, Seed: 2));

        Assert.Equal(a.Bits, b.Bits);
        Assert.NotEqual(a.Bits, c.Bits);
    }

    [Fact]
    public void Estimate_AllIdentical_ThrowsWithHint()
    {
        var error = Assert.Throws<ArgumentException>(() => KozachenkoLeonenko.Estimate(new double[100], 2));
        Assert.Contains("jitter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Estimate_TooFewSamples_Throws() =>
        Assert.Throws<ArgumentException>(() => KozachenkoLeonenko.Estimate(new double[] { 1, 2, 3 }, 1));

    [Fact]
    public void Estimate_LengthNotMultipleOfDimension_Throws() =>
        Assert.Throws<ArgumentException>(() => KozachenkoLeonenko.Estimate(new double[10], 3));

    [Fact]
    public void Estimate_NaN_Throws() =>
        Assert.Throws<ArgumentException>(() => KozachenkoLeonenko.Estimate(new[] { 1.0, 2, double.NaN, 4, 5, 6 }, 1));

    [Fact]
    public void EstimateChannelVectors_ChwLatent_EqualsEstimateOnPositionVectors()
    {
        // 3 channels × 20 × 25 positions: sample p is (latent[0, p], latent[1, p], latent[2, p]).
        const int c = 3;
        const int positions = 20 * 25;
        var interleaved = Gaussian(positions, c, seed: 15);
        var chw = new float[interleaved.Length];
        for (var p = 0; p < positions; p++)
        {
            for (var ch = 0; ch < c; ch++)
            {
                chw[(ch * positions) + p] = (float)interleaved[(p * c) + ch];
            }
        }

        var expected = KozachenkoLeonenko.Estimate(interleaved.Select(v => (double)(float)v).ToArray(), c);
        var actual = KozachenkoLeonenko.EstimateChannelVectors(chw, c, 20, 25);

        Assert.Equal(expected.Bits, actual.Bits, 12);
        Assert.Equal(positions, actual.Samples);
        Assert.Equal(c, actual.Dimension);
    }

    [Fact]
    public void EstimateChannelVectors_WrongLength_Throws() =>
        Assert.Throws<ArgumentException>(() => KozachenkoLeonenko.EstimateChannelVectors(new float[59], 3, 4, 5));

    [Theory]
    [InlineData(1, 0.69314718055994529)]   // ln 2 (segment [−1, 1])
    [InlineData(2, 1.1447298858494002)]    // ln π
    [InlineData(3, 1.4324119583011810)]    // ln(4π/3)
    public void LogUnitBallVolume_KnownDimensions_MatchesClosedForm(int dimension, double expected) =>
        Assert.Equal(expected, KozachenkoLeonenko.LogUnitBallVolume(dimension), 12);

    private static double[] Gaussian(int count, int dimension, int seed)
    {
        // Box-Muller on a seeded generator.
        var random = new Random(seed);
        var values = new double[count * dimension];
        for (var i = 0; i < values.Length; i += 2)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            var radius = Math.Sqrt(-2 * Math.Log(u1));
            values[i] = radius * Math.Cos(2 * Math.PI * u2);
            if (i + 1 < values.Length)
            {
                values[i + 1] = radius * Math.Sin(2 * Math.PI * u2);
            }
        }

        return values;
    }
}
