using EdgeCascade.Actors.Policies;

namespace EdgeCascade.Actors.Tests.Policies;

public sealed class RqsiTests
{
    [Fact]
    public void Sensitivity_QualityLostPerRateSaved_IsTheRatio()
    {
        // Reference at level d+1: 32 dB at 0.30 bpp; evaluated at level d: 30 dB at 0.20 bpp → 2 dB / 0.1 bpp.
        var rqs = Rqsi.Sensitivity(new RateQualityPoint(0.20, 30.0), new RateQualityPoint(0.30, 32.0));

        Assert.Equal(20.0, rqs, 12);
    }

    [Fact]
    public void Sensitivity_NoRateSaved_UsesEpsilon()
    {
        var rqs = Rqsi.Sensitivity(new RateQualityPoint(0.30, 31.0), new RateQualityPoint(0.25, 32.0));

        Assert.Equal(1.0 / Rqsi.Epsilon, rqs, 6);
        Assert.Equal(1e-6, Rqsi.Epsilon);
    }

    [Fact]
    public void Index_AveragesBothReferences()
    {
        var evaluated = new RateQualityPoint(0.10, 28.0);
        var minimal = new RateQualityPoint(0.20, 30.0);   // RQS = 2 / 0.1 = 20
        var maximal = new RateQualityPoint(0.15, 28.5);   // RQS = 0.5 / 0.05 = 10

        Assert.Equal(15.0, Rqsi.Index(evaluated, minimal, maximal), 12);
    }

    [Fact]
    public void Index_BetterQualityAtSameRate_IsLower()
    {
        var minimal = new RateQualityPoint(0.20, 31.0);
        var maximal = new RateQualityPoint(0.19, 30.5);
        var edge = Rqsi.Index(new RateQualityPoint(0.1674, 30.264), minimal, maximal);
        var late = Rqsi.Index(new RateQualityPoint(0.1674, 29.768), minimal, maximal);

        Assert.True(edge < late);
    }

    [Fact]
    public void Sensitivity_NonFiniteInput_Throws() =>
        Assert.Throws<ArgumentException>(() => Rqsi.Sensitivity(new RateQualityPoint(double.NaN, 1), new RateQualityPoint(1, 1)));

    [Fact]
    public void ReferencePolicies_FourToOne_AreMinimalAndMaximalOverLevelsFourToTwo()
    {
        var (minimal, maximal) = Rqsi.ReferencePolicies(4, 1);

        Assert.Equal("[0,0,1]", minimal.ToString());
        Assert.Equal("[1,1,1]", maximal.ToString());
        Assert.Equal(2, minimal.TargetLevel);
    }

    [Fact]
    public void ReferencePolicies_SourceEqualsTarget_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Rqsi.ReferencePolicies(3, 3));
}
