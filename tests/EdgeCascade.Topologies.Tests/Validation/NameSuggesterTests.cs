using EdgeCascade.Topologies.Validation;

namespace EdgeCascade.Topologies.Tests.Validation;

public sealed class NameSuggesterTests
{
    [Theory]
    [InlineData("latncy", "latency")]
    [InlineData("BANDWIDTH", "bandwidth")]
    [InlineData("sharng", "sharing")]
    public void Closest_SmallTypo_FindsIntendedName(string typed, string expected)
    {
        Assert.Equal(expected, NameSuggester.Closest(typed, ["from", "to", "bandwidth", "latency", "loss", "sharing"]));
    }

    [Fact]
    public void Closest_UnrelatedWord_ReturnsNull()
    {
        Assert.Null(NameSuggester.Closest("elephant", ["from", "to", "loss"]));
    }

    [Fact]
    public void Distance_KnownPairs_MatchesLevenshtein()
    {
        Assert.Equal(3, NameSuggester.Distance("kitten", "sitting"));
        Assert.Equal(0, NameSuggester.Distance("", ""));
        Assert.Equal(4, NameSuggester.Distance("", "abcd"));
    }
}
