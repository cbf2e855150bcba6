using System.Text.Json.Nodes;
using EdgeCascade.Codec.Cascade;
using EdgeCascade.Codec.Imaging;
using EdgeCascade.Codec.Metrics;
using EdgeCascade.Codec.Models;
using EdgeCascade.Codec.Tests.Models;
using EdgeCascade.Experiments.Runners;

namespace EdgeCascade.Experiments.Tests.Runners;

public sealed class ExperimentRunnerTests : IDisposable
{
    private readonly SyntheticFamily _files = new(seed: 9);
    private readonly CascadeEngine _engine;
    private readonly IReadOnlyList<EvalImage> _images;

    public ExperimentRunnerTests()
    {
        _engine = new CascadeEngine(ModelFamily.Load(_files.Directory));
        _images = [new EvalImage("a", Noise(64, 64, 1)), new EvalImage("b", Noise(96, 64, 2))];
    }

    public void Dispose() => _files.Dispose();

    private static RgbImage Noise(int width, int height, int seed)
    {
        var image = new RgbImage(width, height);
        new Random(seed).NextBytes(image.Pixels);
        return image;
    }

    private ExperimentResult Run(ExperimentKind kind, long seed = 1) =>
        ExperimentRunner.Run(kind, new ExperimentContext(_engine, _images, seed));

    [Fact]
    public void Run_Policies_ListsWholePolicySpacesWithOneEdgeEach()
    {
        var result = Run(ExperimentKind.Policies);

        var rows = result.Document["rows"]!.AsArray();
        Assert.Equal(4 + 10, rows.Count);
        Assert.Equal(2, rows.Count(r => r!["is_edge"]!.GetValue<bool>()));
        Assert.All(rows, r => Assert.True(r!["bits_per_pixel"]!.GetValue<double>() > 0));
        Assert.Equal("[1,0,0,0,1]", rows.First(r => r!["is_edge"]!.GetValue<bool>())!["policy"]!.GetValue<string>());
    }

    [Fact]
    public void Run_Frameworks_HasFourCurvesOverEveryTargetLevel()
    {
        var result = Run(ExperimentKind.Frameworks);

        var curves = result.Document["curves"]!.AsObject();
        Assert.Equal(["hcf_edge", "drf", "drf_one_recompression", "ssf", "pcf"], curves.Select(c => c.Key));
        Assert.All(curves.Take(4), c => Assert.Equal(5, c.Value!.AsArray().Count));
        Assert.Equal(6, curves["pcf"]!.AsArray().Count);
        var pcfRates = curves["pcf"]!.AsArray().Select(p => p!["bits_per_pixel"]!.GetValue<double>()).ToList();
        Assert.Equal(pcfRates.Order(), pcfRates);
        Assert.NotNull(result.Document["bd_vs_hcf"]!["drf"]);
        Assert.NotNull(result.Document["bd_vs_hcf"]!["drf_one_recompression"]);
    }

    [Fact]
    public void Run_Frameworks_DrfReencodesAtEveryLevelAndEqualsOneRecompressionOnlyOneLevelDown()
    {
        // The committed family: the synthetic one reconstructs noise, on which every recompression reading gives the same numbers.
        var engine = new CascadeEngine(ModelFamily.Load(CommittedFamily.FamilyDirectory));
        var image = ImageFile.Read(Path.Combine(CommittedFamily.EvalImages, "coffee.png")).Crop(64, 64);
        var result = ExperimentRunner.Run(ExperimentKind.Frameworks, new ExperimentContext(engine, [new EvalImage("coffee", image)], 1));
        var curves = result.Document["curves"]!.AsObject();
        var everyLevel = curves["drf"]!.AsArray();
        var once = curves["drf_one_recompression"]!.AsArray();
        var source = engine.Levels;

        // d = s - 1: both readings code level s, decode, and code level s - 1.
        var oneDown = everyLevel.Count - 1;
        Assert.Equal(once[oneDown]!["bits_per_pixel"]!.GetValue<double>(), everyLevel[oneDown]!["bits_per_pixel"]!.GetValue<double>());
        Assert.Equal(once[oneDown]!["psnr_db"]!.GetValue<double>(), everyLevel[oneDown]!["psnr_db"]!.GetValue<double>());

        // d = 1: the paper's DRF crosses every level in between (s, s-1, ..., 1), one recompression does not.
        var chain = RdMeasurement.Of(image, new CascadeRunner(engine).Recompression(image, [.. Enumerable.Range(1, source).Reverse()]));
        Assert.Equal(chain.BitsPerPixel, everyLevel[0]!["bits_per_pixel"]!.GetValue<double>(), 12);
        Assert.Equal(chain.Psnr, everyLevel[0]!["psnr_db"]!.GetValue<double>(), 12);
        Assert.NotEqual(once[0]!["psnr_db"]!.GetValue<double>(), everyLevel[0]!["psnr_db"]!.GetValue<double>());
    }

    [Fact]
    public void Run_Complexity_ReportsFiveNodesWithReductions()
    {
        var result = Run(ExperimentKind.Complexity);

        var nodes = result.Document["nodes"]!.AsArray();
        Assert.Equal(5, nodes.Count);
        Assert.Equal([6, 5, 4, 3, 2], nodes.Select(n => n!["from_level"]!.GetValue<int>()));
        Assert.All(nodes, n => Assert.True(n!["hcf"]!["flops"]!.GetValue<long>() < n["drf"]!["flops"]!.GetValue<long>()));
        Assert.Null(nodes[0]!["hcf"]!["time_seconds"]);
    }

    [Fact]
    public void Run_Paths_ComparesNeighbouringSourceLevels()
    {
        var result = Run(ExperimentKind.Paths);

        Assert.Equal(3, result.Document["comparisons"]!.AsArray().Count);
        Assert.Equal(4, result.Document["curves"]!.AsObject().Count);
        Assert.Equal(3, result.Document["edge_policy"]!["comparisons"]!.AsArray().Count);
        Assert.Equal(3, result.Document["schema_version"]!.GetValue<int>());
    }

    [Fact]
    public void Run_Paths_EdgeReading_ComparesOverTheTargetsBothPathsReach()
    {
        var result = Run(ExperimentKind.Paths);

        var reading = result.Document["edge_policy"]!;
        Assert.Equal("edge, n_q = 2", reading["policy"]!.GetValue<string>());
        var first = reading["comparisons"]![0]!;
        Assert.Equal(5, first["shorter_source_level"]!.GetValue<int>());
        Assert.Equal([1, 2, 3, 4], first["target_levels"]!.AsArray().Select(l => l!.GetValue<int>()));
        Assert.Equal(5, reading["curves"]!["source_6"]!.AsArray().Count);
    }

    [Fact]
    public void Run_Paths_EveryLevelANode_IsTheTopLevelReadingOneCurveAlongEachPathOverTheSharedLevels()
    {
        var result = Run(ExperimentKind.Paths);

        var reading = result.Document;
        Assert.Equal("[1,...,1]", reading["policy"]!.GetValue<string>());
        Assert.Equal(["source_6", "source_5", "source_4", "source_3"], reading["curves"]!.AsObject().Select(c => c.Key));
        Assert.Equal([1, 2, 3, 4, 5, 6], reading["curves"]!["source_6"]!.AsArray().Select(p => p!["target_level"]!.GetValue<int>()));
        var comparisons = reading["comparisons"]!.AsArray();
        Assert.Equal(3, comparisons.Count);
        Assert.Equal([1, 2, 3, 4, 5], comparisons[0]!["target_levels"]!.AsArray().Select(l => l!.GetValue<int>()));
        Assert.Equal([1, 2, 3], comparisons[2]!["target_levels"]!.AsArray().Select(l => l!.GetValue<int>()));
        Assert.Equal(2, result.Tables.Count);
        Assert.StartsWith("paths (HCF Table 4), every level a node", result.Tables[0].Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Paths_EveryLevelANode_SourcePointIsDirectCodingAndLowerPointsAreThePathsNodes()
    {
        var runner = new CascadeRunner(_engine);
        var result = Run(ExperimentKind.Paths);

        var curve = result.Document["curves"]!["source_5"]!.AsArray();
        // The path's first point is the source's own stream: the level-5 codec applied directly (SSF at 5).
        var direct = RdMeasurement.Mean([.. _images.Select(i => RdMeasurement.Of(i.Image, runner.SingleStage(i.Image, 5)))]);
        Assert.Equal(direct.BitsPerPixel, curve[4]!["bits_per_pixel"]!.GetValue<double>());
        Assert.Equal(direct.Psnr, curve[4]!["psnr_db"]!.GetValue<double>());
        // Level 2 is what the third relay receives on 5 -> 4 -> 3 -> 2, every hop rounded and coded.
        var node = RdMeasurement.Mean([.. _images.Select(i => RdMeasurement.Of(i.Image, runner.Hcf(i.Image, 5, 2, [true, true, true, true])))]);
        Assert.Equal(node.BitsPerPixel, curve[1]!["bits_per_pixel"]!.GetValue<double>());
        Assert.Equal(node.Psnr, curve[1]!["psnr_db"]!.GetValue<double>());
    }

    [Fact]
    public void Run_Entropy_TracesEveryOperatorOfTheTopFourLevelsForThreePolicies()
    {
        var result = Run(ExperimentKind.Entropy);

        var series = result.Document["series"]!.AsArray();
        Assert.Equal(["[1,0,0,1]", "[0,1,0,1]", "[0,0,1,1]"], series.Select(s => s!["policy"]!.GetValue<string>()));
        var edge = series[0]!["points"]!.AsArray().Select(p => p!["step"]!.GetValue<string>());
        Assert.Equal(["g_a^6", "Q^6", "phi_inter_6", "phi_intra_5", "phi_intra_4", "Q^3"], edge);
        Assert.Equal(6, result.Document["source_level"]!.GetValue<int>());
    }

    [Fact]
    public void Run_SameSeedTwice_ByteIdenticalDocuments()
    {
        Assert.Equal(Run(ExperimentKind.Entropy, 5).ToJson(), Run(ExperimentKind.Entropy, 5).ToJson());
        Assert.Equal(Run(ExperimentKind.Policies, 5).ToJson(), Run(ExperimentKind.Policies, 5).ToJson());
    }
}
