using EdgeCascade.Actors.Policies;

namespace EdgeCascade.Actors.Tests.Policies;

public sealed class QuantizationPolicyTests
{
    [Fact]
    public void FromBits_EdgeExample_IndexesByLevel()
    {
        var policy = QuantizationPolicy.FromBits(4, 1, 0, 0, 1);

        Assert.Equal(4, policy.SourceLevel);
        Assert.Equal(1, policy.TargetLevel);
        Assert.Equal(1, policy[4]);
        Assert.Equal(0, policy[3]);
        Assert.Equal(0, policy[2]);
        Assert.Equal(1, policy[1]);
        Assert.Equal(2, policy.NQ);
        Assert.Equal([4, 1], policy.TransmitLevels);
        Assert.Equal([1, 0, 0, 1], policy.Bits);
        Assert.Equal([true, false, false, true], policy.TransmitFlags);
    }

    [Fact]
    public void FromBits_LastEntryZero_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => QuantizationPolicy.FromBits(4, 1, 0, 1, 0));
        Assert.Contains("π_d must be 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBits_EntryNotBinary_Throws() =>
        Assert.Throws<ArgumentException>(() => QuantizationPolicy.FromBits(4, 1, 2, 0, 1));

    [Fact]
    public void FromBits_TargetBelowOne_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => QuantizationPolicy.FromBits(2, 1, 0, 1));

    [Fact]
    public void Indexer_LevelOutsideRange_Throws()
    {
        var policy = QuantizationPolicy.FromBits(4, 1, 0, 0, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => policy[5]);
        Assert.Throws<ArgumentOutOfRangeException>(() => policy[0]);
    }

    [Fact]
    public void ToString_EdgeExample_UsesPaperNotation()
    {
        var policy = QuantizationPolicy.FromBits(4, 1, 0, 0, 1);

        Assert.Equal("[1,0,0,1]", policy.ToString());
        Assert.Equal("1001", policy.ToBitString());
    }

    [Theory]
    [InlineData("[1,0,0,1]")]
    [InlineData("1001")]
    [InlineData(" [1, 0, 0, 1] ")]
    [InlineData("1,0,0,1")]
    public void Parse_AcceptedForms_RoundTrip(string text)
    {
        var policy = QuantizationPolicy.Parse(text, 4);

        Assert.Equal(QuantizationPolicy.FromBits(4, 1, 0, 0, 1), policy);
        Assert.Equal(policy, QuantizationPolicy.Parse(policy.ToString(), 4));
    }

    [Theory]
    [InlineData("")]
    [InlineData("[1,0,0,0]")]
    [InlineData("[1,0,2,1]")]
    [InlineData("[1,0,1")]
    [InlineData("[]")]
    [InlineData("11111")]
    public void TryParse_InvalidText_ReturnsFalse(string text)
    {
        Assert.False(QuantizationPolicy.TryParse(text, 4, out var policy));
        Assert.Null(policy);
        Assert.Throws<FormatException>(() => QuantizationPolicy.Parse(text, 4));
    }

    [Fact]
    public void Equals_SameBits_AreEqualWithSameHash()
    {
        var a = QuantizationPolicy.FromBits(6, 0, 1, 0, 1);
        var b = QuantizationPolicy.FromTransmitLevels(6, 3, [5, 3]);

        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, QuantizationPolicy.FromBits(5, 0, 1, 0, 1));
    }

    [Fact]
    public void FromTransmitLevels_MissingTarget_Throws() =>
        Assert.Throws<ArgumentException>(() => QuantizationPolicy.FromTransmitLevels(4, 1, [4, 2]));

    [Fact]
    public void FromTransmitLevels_RepeatedLevel_Throws() =>
        Assert.Throws<ArgumentException>(() => QuantizationPolicy.FromTransmitLevels(4, 1, [4, 4, 1]));

    [Fact]
    public void Prefix_AtTransmitLevel_EndsThere()
    {
        var policy = QuantizationPolicy.FromBits(5, 0, 1, 0, 1, 1);

        var prefix = policy.Prefix(2);

        Assert.Equal("[0,1,0,1]", prefix.ToString());
        Assert.Equal(2, prefix.TargetLevel);
        Assert.Equal([4, 2], prefix.TransmitLevels);
        Assert.Equal("[0,1]", policy.Prefix(4).ToString());
        Assert.Same(policy, policy.Prefix(1));
    }

    [Fact]
    public void Prefix_AtIntraLevel_Throws() =>
        Assert.Throws<ArgumentException>(() => QuantizationPolicy.FromBits(4, 1, 0, 0, 1).Prefix(3));

    [Theory]
    [InlineData(4, 1, 2, "[1,0,0,1]")]
    [InlineData(4, 1, 3, "[1,1,0,1]")]
    [InlineData(4, 1, 1, "[0,0,0,1]")]
    [InlineData(4, 1, 4, "[1,1,1,1]")]
    [InlineData(6, 1, 3, "[1,1,0,0,0,1]")]
    public void Edge_Eq16_FrontOnesThenTarget(int s, int d, int nq, string expected) =>
        Assert.Equal(expected, QuantizationPolicy.Edge(s, d, nq).ToString());

    [Theory]
    [InlineData(4, 1, 2, "[0,0,1,1]")]
    [InlineData(6, 2, 3, "[0,0,1,1,1]")]
    [InlineData(3, 3, 1, "[1]")]
    public void Late_AllOnesAtTheEnd(int s, int d, int nq, string expected) =>
        Assert.Equal(expected, QuantizationPolicy.Late(s, d, nq).ToString());

    [Theory]
    [InlineData(4, 1, 1, "[0,0,0,1]")]
    [InlineData(4, 1, 2, "[0,1,0,1]")]
    [InlineData(4, 1, 3, "[1,0,1,1]")]
    [InlineData(4, 1, 4, "[1,1,1,1]")]
    [InlineData(5, 1, 2, "[0,0,1,0,1]")]
    [InlineData(6, 1, 2, "[0,0,1,0,0,1]")]
    [InlineData(6, 1, 3, "[0,1,0,1,0,1]")]
    public void UniformSpread_RoundHalfUpGroups_SpreadsEvenly(int s, int d, int nq, string expected) =>
        Assert.Equal(expected, QuantizationPolicy.UniformSpread(s, d, nq).ToString());

    [Fact]
    public void Named_GreedyOrOracle_Throws()
    {
        Assert.Throws<ArgumentException>(() => QuantizationPolicy.Named(PolicyKind.Greedy, 4, 1, 2));
        Assert.Throws<ArgumentException>(() => QuantizationPolicy.Named(PolicyKind.Oracle, 4, 1, 2));
    }

    [Theory]
    [InlineData(4, 1, 0)]
    [InlineData(4, 1, 5)]
    [InlineData(1, 2, 1)]
    public void Edge_TransmissionsOutOfRange_Throws(int s, int d, int nq) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => QuantizationPolicy.Edge(s, d, nq));

    [Fact]
    public void ReferencePolicies_MinimalAndMaximal_MatchRqsiDefinitions()
    {
        Assert.Equal("[0,0,0,1]", QuantizationPolicy.MinimalQuantization(4, 1).ToString());
        Assert.Equal("[1,1,1,1]", QuantizationPolicy.MaximalQuantization(4, 1).ToString());
    }
}
