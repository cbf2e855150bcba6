using EdgeCascade.Codec.Cascade;
using EdgeCascade.Codec.Models;
using EdgeCascade.Codec.Tests.Models;

namespace EdgeCascade.Codec.Tests.Cascade;

public sealed class ProgressiveRunnerTests : IDisposable
{
    private readonly SyntheticFamily _files = new(seed: 13);
    private readonly CascadeEngine _engine;
    private readonly ProgressiveRunner _runner;

    public ProgressiveRunnerTests()
    {
        _engine = new CascadeEngine(ModelFamily.Load(_files.Directory));
        _runner = new ProgressiveRunner(_engine);
    }

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Progressive_TwoHops_SecondHopCarriesFewerBytes()
    {
        CascadeRun run = _runner.Progressive(CascadeEngineTests.TestImage(96, 64, 1), [6, 2]);

        Assert.Equal([0, 1], run.Hops.Select(h => h.Hop));
        Assert.All(run.Hops, h => Assert.Equal(6, h.Level));
        Assert.True(run.Hops[1].Bytes <= run.Hops[0].Bytes);
        Assert.True(run.Hops[1].Bytes > 0);
        Assert.Equal(96, run.Reconstruction.Width);
        Assert.Equal(64, run.Reconstruction.Height);
    }

    [Fact]
    public void Progressive_AllLayers_ReconstructsLikeTopLevelSingleStage()
    {
        var image = CascadeEngineTests.TestImage(64, 64, 2);

        CascadeRun progressive = _runner.Progressive(image, [ProgressiveLayout.Default.Layers]);
        CascadeRun single = new CascadeRunner(_engine).SingleStage(image, 6);

        Assert.Equal(single.Reconstruction.Pixels.ToArray(), progressive.Reconstruction.Pixels.ToArray());
    }

    [Fact]
    public void Progressive_SameInputTwice_IsDeterministic()
    {
        var image = CascadeEngineTests.TestImage(64, 64, 3);

        CascadeRun first = _runner.Progressive(image, [5, 3, 1]);
        CascadeRun second = _runner.Progressive(image, [5, 3, 1]);

        Assert.Equal(first.Hops, second.Hops);
        Assert.Equal(first.Reconstruction.Pixels.ToArray(), second.Reconstruction.Pixels.ToArray());
    }

    [Fact]
    public void TruncationBytes_MatchesHopBytesOfEachLayerCount()
    {
        var image = CascadeEngineTests.TestImage(64, 64, 5);

        IReadOnlyList<int> sizes = _runner.TruncationBytes(image);
        CascadeRun run = _runner.Progressive(image, [6, 4, 1, 0]);

        Assert.Equal(ProgressiveLayout.Default.Layers + 1, sizes.Count);
        Assert.Equal([sizes[6], sizes[4], sizes[1], sizes[0]], run.Hops.Select(h => h.Bytes));
    }

    [Theory]
    [InlineData(new int[0])]
    [InlineData(new[] { 2, 3 })]
    [InlineData(new[] { 7 })]
    [InlineData(new[] { -1 })]
    public void Progressive_InvalidLayerCounts_Throws(int[] layers)
    {
        Assert.Throws<ArgumentException>(() => _runner.Progressive(CascadeEngineTests.TestImage(64, 64, 4), layers));
    }
}
