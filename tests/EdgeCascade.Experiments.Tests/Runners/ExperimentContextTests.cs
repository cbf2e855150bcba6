using EdgeCascade.Experiments.Runners;

namespace EdgeCascade.Experiments.Tests.Runners;

public class ExperimentContextTests
{
    [Theory]
    [InlineData(1.254, 2, "+1.25")]
    [InlineData(-0.404, 2, "-0.40")]
    [InlineData(-0.001, 2, "0.00")]
    [InlineData(0.004, 2, "0.00")]
    [InlineData(-0.04, 1, "0.0")]
    [InlineData(13.66, 1, "+13.7")]
    [InlineData(double.NaN, 2, "n/a")]
    public void Signed_Value_PrintsSignOnlyWhenNonZero(double value, int decimals, string expected)
    {
        Assert.Equal(expected, ExperimentContext.Signed(value, decimals));
    }
}
