using EdgeCascade.Codec.Entropy;

namespace EdgeCascade.Codec.Tests.Entropy;

public sealed class GaussianRateTests
{
    [Fact]
    public void DifferentialEntropyBits_UnitScale_IsLog2SqrtTwoPiE()
    {
        Assert.Equal(2.047095585180641, GaussianRate.DifferentialEntropyBits(1.0), 12);
        Assert.Equal(3.047095585180641, GaussianRate.DifferentialEntropyBits(2.0), 12);
    }

    [Fact]
    public void DifferentialEntropyBits_Span_SumsElements()
    {
        Assert.Equal(
            GaussianRate.DifferentialEntropyBits(1.0) + GaussianRate.DifferentialEntropyBits(4.0),
            GaussianRate.DifferentialEntropyBits([1f, 4f]),
            12);
    }

    [Fact]
    public void StandardNormalQuantile_HalfTailMass_MatchesScipy()
    {
        Assert.Equal(-6.1094102048693975, GaussianRate.StandardNormalQuantile(5e-10), 10);
    }

    [Fact]
    public void Likelihood_AllIntegers_SumsToOne()
    {
        double sum = 0;
        for (int v = -60; v <= 60; v++)
        {
            sum += GaussianRate.Likelihood(v, 0.3, 7.5);
        }

        // Elements beyond about 6 sigma sit at the 1e-9 floor and add a little mass.
        Assert.Equal(1.0, sum, 6);
    }

    [Fact]
    public void LikelihoodBits_FarTail_IsBoundedAtLowerBound()
    {
        Assert.Equal(-Math.Log2(1e-9), GaussianRate.LikelihoodBits(100, 0, 1), 9);
    }

    [Fact]
    public void LikelihoodBits_AtMeanWithUnitScale_MatchesClosedForm()
    {
        // p = Φ(0.5) - Φ(-0.5) = erf(0.5 / √2) = 0.38292492254802624.
        Assert.Equal(-Math.Log2(0.38292492254802624), GaussianRate.LikelihoodBits(0, 0, 1), 12);
    }

    [Fact]
    public void LikelihoodBits_LargeScale_ApproachesDifferentialEntropy()
    {
        var random = new Random(3);
        double sumBits = 0;
        const int count = 20000;
        for (int i = 0; i < count; i++)
        {
            double u1 = 1 - random.NextDouble();
            double u2 = random.NextDouble();
            double normal = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            sumBits += GaussianRate.LikelihoodBits(Math.Round(normal * 20), 0, 20);
        }

        Assert.Equal(GaussianRate.DifferentialEntropyBits(20), sumBits / count, 1);
    }
}
