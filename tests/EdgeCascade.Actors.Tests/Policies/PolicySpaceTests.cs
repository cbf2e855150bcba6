using EdgeCascade.Actors.Policies;

namespace EdgeCascade.Actors.Tests.Policies;

public sealed class PolicySpaceTests
{
    [Fact]
    public void Enumerate_FourLevelsTwoTransmissions_EdgeFirstLateLast()
    {
        var space = PolicySpace.Enumerate(4, 1, 2).Select(p => p.ToString()).ToArray();

        Assert.Equal(["[1,0,0,1]", "[0,1,0,1]", "[0,0,1,1]"], space);
    }

    [Fact]
    public void Enumerate_FourLevelsThreeTransmissions_DescendingLexicographic()
    {
        var space = PolicySpace.Enumerate(4, 1, 3).Select(p => p.ToBitString()).ToArray();

        Assert.Equal(["1101", "1011", "0111"], space);
    }

    [Fact]
    public void Enumerate_SingleLevel_OnlyTheTrivialPolicy()
    {
        var policy = Assert.Single(PolicySpace.Enumerate(3, 3, 1));
        Assert.Equal("[1]", policy.ToString());
    }

    [Fact]
    public void Enumerate_AllSmallConfigurations_SizeIsBinomialAndMembersAreValid()
    {
        // Property over every (s, d, n_q) with up to 9 levels: |Π| = C(s−d, n_q−1), π_d = 1, Σπ = n_q,
        // no duplicates, strictly descending bit strings, edge/late/uniform are members.
        for (var d = 1; d <= 3; d++)
        {
            for (var s = d; s <= d + 8; s++)
            {
                for (var nq = 1; nq <= s - d + 1; nq++)
                {
                    var space = PolicySpace.Enumerate(s, d, nq);

                    Assert.Equal(Binomial(s - d, nq - 1), space.Count);
                    Assert.Equal(space.Count, PolicySpace.Count(s, d, nq));
                    Assert.All(space, p =>
                    {
                        Assert.Equal(1, p[d]);
                        Assert.Equal(nq, p.Bits.Sum());
                        Assert.Equal(nq, p.NQ);
                        Assert.Equal(s, p.SourceLevel);
                        Assert.Equal(d, p.TargetLevel);
                        Assert.True(PolicySpace.Contains(s, d, nq, p));
                    });
                    var strings = space.Select(p => p.ToBitString()).ToArray();
                    for (var i = 1; i < strings.Length; i++)
                    {
                        Assert.True(string.CompareOrdinal(strings[i - 1], strings[i]) > 0, $"{strings[i - 1]} before {strings[i]}");
                    }

                    Assert.Equal(QuantizationPolicy.Edge(s, d, nq), space[0]);
                    Assert.Equal(QuantizationPolicy.Late(s, d, nq), space[^1]);
                    Assert.Contains(QuantizationPolicy.UniformSpread(s, d, nq), space);
                }
            }
        }
    }

    [Fact]
    public void Enumerate_SameArguments_SameOrder()
    {
        var first = PolicySpace.Enumerate(7, 2, 3);
        var second = PolicySpace.Enumerate(7, 2, 3);

        Assert.Equal(first, second);
    }

    [Fact]
    public void EnumerateAll_FourLevels_IsEveryVectorEndingInOne()
    {
        var all = PolicySpace.EnumerateAll(4, 1);

        Assert.Equal(8, all.Count);
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal([1, 2, 2, 2, 3, 3, 3, 4], all.Select(p => p.NQ));
    }

    [Theory]
    [InlineData(4, 1, 0)]
    [InlineData(4, 1, 5)]
    [InlineData(2, 3, 1)]
    [InlineData(3, 0, 1)]
    public void Enumerate_InvalidArguments_Throws(int s, int d, int nq) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PolicySpace.Enumerate(s, d, nq));

    private static long Binomial(int n, int k)
    {
        // Pascal's triangle, independent of the implementation's multiplicative formula.
        var row = new long[n + 1];
        row[0] = 1;
        for (var i = 1; i <= n; i++)
        {
            for (var j = i; j > 0; j--)
            {
                row[j] += row[j - 1];
            }
        }

        return row[k];
    }
}
