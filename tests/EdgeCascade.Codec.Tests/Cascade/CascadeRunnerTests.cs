using EdgeCascade.Codec.Cascade;
using EdgeCascade.Codec.Models;
using EdgeCascade.Codec.Tests.Models;

namespace EdgeCascade.Codec.Tests.Cascade;

public sealed class CascadeRunnerTests : IDisposable
{
    private readonly SyntheticFamily _files = new(seed: 3);
    private readonly CascadeRunner _runner;

    public CascadeRunnerTests()
    {
        _runner = new CascadeRunner(new CascadeEngine(ModelFamily.Load(_files.Directory)));
    }

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Hcf_EdgePolicy_TransmitsLevelsOfPolicy()
    {
        var run = _runner.Hcf(CascadeEngineTests.TestImage(64, 64, 1), 4, 1, [true, false, false, true]);

        Assert.Equal([4, 1], run.Hops.Select(h => h.Level));
        Assert.All(run.Hops, h => Assert.True(h.Bytes > 0));
        Assert.Equal(64, run.Reconstruction.Width);
        Assert.Equal(run.Hops[1].Bytes * 8.0 / 4096, run.FinalBitsPerPixel);
    }

    [Fact]
    public void Hcf_SamePolicyTwice_IsDeterministic()
    {
        var image = CascadeEngineTests.TestImage(64, 64, 2);

        var first = _runner.Hcf(image, 6, 3, [false, true, false, true]);
        var second = _runner.Hcf(image, 6, 3, [false, true, false, true]);

        Assert.Equal(first.Hops, second.Hops);
        Assert.Equal(first.Reconstruction.Pixels.ToArray(), second.Reconstruction.Pixels.ToArray());
    }

    [Fact]
    public void EveryLevel_EachNode_EqualsTheAllOnesRunEndingThere()
    {
        var image = CascadeEngineTests.TestImage(64, 64, 4);

        var runs = _runner.EveryLevel(image, 5, 2);

        Assert.Equal(4, runs.Count);
        for (var i = 0; i < runs.Count; i++)
        {
            var single = _runner.Hcf(image, 5, 5 - i, [.. Enumerable.Repeat(true, i + 1)]);
            Assert.Equal(single.Hops, runs[i].Hops);
            Assert.Equal(single.Reconstruction.Pixels.ToArray(), runs[i].Reconstruction.Pixels.ToArray());
        }
    }

    [Theory]
    [InlineData(4, 1, new[] { true, false, false })]
    [InlineData(4, 1, new[] { true, false, false, false })]
    [InlineData(4, 5, new[] { true })]
    [InlineData(7, 1, new[] { true, true, true, true, true, true, true })]
    public void Hcf_InvalidPolicyOrLevels_Throws(int source, int target, bool[] policy)
    {
        Assert.ThrowsAny<ArgumentException>(() => _runner.Hcf(CascadeEngineTests.TestImage(64, 64, 3), source, target, policy));
    }

    [Fact]
    public void Recompression_EveryHop_DecodesToPixelsAndReencodes()
    {
        var run = _runner.Recompression(CascadeEngineTests.TestImage(64, 64, 4), [5, 3, 2]);

        Assert.Equal([5, 3, 2], run.Hops.Select(h => h.Level));
        Assert.Equal([0, 1, 2], run.Hops.Select(h => h.Hop));
    }

    [Fact]
    public void SingleStage_MatchesRecompressionWithOneHop()
    {
        var image = CascadeEngineTests.TestImage(64, 64, 5);

        var single = _runner.SingleStage(image, 2);
        var recompressed = _runner.Recompression(image, [2]);

        Assert.Equal(single.Hops, recompressed.Hops);
        Assert.Equal(single.Reconstruction.Pixels.ToArray(), recompressed.Reconstruction.Pixels.ToArray());
    }
}
