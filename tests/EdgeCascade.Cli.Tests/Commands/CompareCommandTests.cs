using System.Text.Json;
using EdgeCascade.Codec.Imaging;
using EdgeCascade.Codec.Tests.Models;

namespace EdgeCascade.Cli.Tests.Commands;

public sealed class CompareCommandTests : IDisposable
{
    private readonly SyntheticFamily _family = new(seed: 4);
    private readonly string _work = Directory.CreateTempSubdirectory("ec-compare-").FullName;

    public CompareCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(_work, "images"));
        for (var i = 0; i < 2; i++)
        {
            var image = new RgbImage(64, 64);
            new Random(i).NextBytes(image.Pixels);
            ImageFile.Write(Path.Combine(_work, "images", $"img{i}.png"), image);
        }
    }

    public void Dispose()
    {
        _family.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public void Compare_FrameworksJson_WritesDocumentAndPlot()
    {
        var outDir = Path.Combine(_work, "out");

        var (code, output, _) = CliRunner.Run("compare", "--experiment", "frameworks", "--images", Path.Combine(_work, "images"),
            "--models", _family.Directory, "--out", outDir, "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("frameworks", json.RootElement.GetProperty("experiment").GetString());
        Assert.True(File.Exists(Path.Combine(outDir, "frameworks.json")));
        Assert.StartsWith("<svg", File.ReadAllText(Path.Combine(outDir, "frameworks-rd.svg")), StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_Complexity_PrintsTable()
    {
        var (code, output, _) = CliRunner.Run("compare", "-e", "complexity", "--images", Path.Combine(_work, "images"),
            "--models", _family.Directory, "--out", Path.Combine(_work, "out2"));

        Assert.Equal(0, code);
        Assert.Contains("FLOPs -%", output, StringComparison.Ordinal);
        Assert.Contains("6->5", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--experiment", "tables")]
    [InlineData("--experiment", "policies", "--crop", "10")]
    [InlineData("--experiment", "policies", "--images", "/nonexistent")]
    public void Compare_BadInput_ExitsTwo(params string[] args)
    {
        var (code, _, error) = CliRunner.Run(["compare", .. args, "--models", _family.Directory]);

        Assert.Equal(2, code);
        Assert.Single(error.Trim().Split('\n'));
    }

    // Tidied: the error named the .NET enum type (ExperimentKind) instead of the choices.
    [Fact]
    public void Compare_UnknownExperiment_ListsChoicesNotTypeName()
    {
        var (code, _, error) = CliRunner.Run("compare", "--experiment", "tables", "--models", _family.Directory);

        Assert.Equal(2, code);
        Assert.Contains("one of policies, frameworks, complexity, paths, entropy", error, StringComparison.Ordinal);
        Assert.DoesNotContain("ExperimentKind", error, StringComparison.Ordinal);
    }
}
