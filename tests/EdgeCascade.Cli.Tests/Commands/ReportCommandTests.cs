using System.Globalization;
using System.Text.Json;
using System.Text;
using EdgeCascade.Codec.Imaging;
using EdgeCascade.Codec.Tests.Models;
using EdgeCascade.Experiments.Tests.Reports;
using EdgeCascade.Simulation.Reports;

namespace EdgeCascade.Cli.Tests.Commands;

public sealed class ReportCommandTests : IClassFixture<ReportCommandTests.CompareResults>, IDisposable
{
    private readonly CompareResults _compare;
    private readonly string _work = Directory.CreateTempSubdirectory("ec-report-").FullName;

    public ReportCommandTests(CompareResults compare)
    {
        _compare = compare;
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void Report_CompareAndSimulateFolders_WritesEverySectionAndPlot()
    {
        var sim = SimulationFolder.Write(Path.Combine(_work, "sim"));
        var outFile = Path.Combine(_work, "out", "report.html");

        var (code, output, error) = CliRunner.Run("report", _compare.Directory, sim, "--out", outFile, "--json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(outFile, json.RootElement.GetProperty("report").GetString());
        Assert.Equal(6, json.RootElement.GetProperty("sections").GetInt32());
        var inputs = json.RootElement.GetProperty("inputs").EnumerateArray().Select(i => Path.GetFileName(i.GetString())).ToList();
        Assert.Equal(["complexity.json", "entropy.json", "frameworks.json", "paths.json", "policies.json", "summary.json", "images.csv", "nodes.csv", "links.csv"], inputs);
        var html = File.ReadAllText(outFile);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"http", html, StringComparison.Ordinal);
        foreach (var heading in new[] { "compare frameworks", "compare paths", "compare policies", "compare complexity", "compare entropy", "simulate chain / burst (edge)" })
        {
            Assert.Contains($"<h2>{heading}</h2>", html, StringComparison.Ordinal);
        }

        foreach (var plot in new[]
        {
            "frameworks: PSNR (dB) vs bpp", "paths: PSNR (dB) vs bpp", "policies: PSNR per policy", "complexity: GFLOPs per node",
            "entropy: latent entropy per step", "latency CDF per flow", "GPU busy per node", "link utilization",
        })
        {
            Assert.Contains($">{plot}", html, StringComparison.Ordinal);
        }

        // 2 frameworks + 2 paths curves (MS-SSIM falls back to a note at 64 px), policies, complexity, entropy, 3 simulation plots.
        Assert.Equal(8, Count(html, "<svg "));
        Assert.Contains("MS-SSIM needs images of at least 161 pixels", html, StringComparison.Ordinal);
        Assert.Contains(" (edge)</td>", html, StringComparison.Ordinal);
        // Both readings of HCF Table 4: curves over the targets (edge policy) and one curve along each path s->1.
        Assert.Contains("<td>5-&gt;d vs 6-&gt;d</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>5-&gt;1 vs 6-&gt;1</td>", html, StringComparison.Ordinal);
        Assert.Contains("fill=\"#d62728\"><title>n_q = 2", html, StringComparison.Ordinal);
        Assert.Contains("<td>cam</td><td>cam -&gt; cloud</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_SameInputs_WritesIdenticalBytes()
    {
        var sim = SimulationFolder.Write(Path.Combine(_work, "sim"));
        var first = Path.Combine(_work, "a.html");
        var second = Path.Combine(_work, "b.html");

        Assert.Equal(0, CliRunner.Run("report", _compare.Directory, sim, "--out", first).ExitCode);
        Assert.Equal(0, CliRunner.Run("report", _compare.Directory, sim, "--out", second).ExitCode);

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public void Report_NestedFoldersWithoutOut_WritesReportIntoFirstFolder()
    {
        var root = Path.Combine(_work, "runs");
        SimulationFolder.Write(Path.Combine(root, "b"));
        SimulationFolder.Write(Path.Combine(root, "a"));
        File.WriteAllText(Path.Combine(root, "other.json"), "{ not json");

        var (code, output, error) = CliRunner.Run("report", root);

        Assert.True(code == 0, error);
        Assert.Contains("2 sections from 8 files", output, StringComparison.Ordinal);
        var html = File.ReadAllText(Path.Combine(root, "report.html"));
        Assert.True(html.IndexOf(Path.Combine(root, "a"), StringComparison.Ordinal) < html.IndexOf(Path.Combine(root, "b"), StringComparison.Ordinal));
    }

    [Fact]
    public void Report_SimulationWithoutCsvs_NotesMissingPlots()
    {
        var sim = SimulationFolder.Write(Path.Combine(_work, "sim"));
        File.Delete(Path.Combine(sim, "images.csv"));
        File.Delete(Path.Combine(sim, "links.csv"));

        var (code, _, error) = CliRunner.Run("report", sim, "--out", Path.Combine(_work, "r.html"));

        Assert.True(code == 0, error);
        var html = File.ReadAllText(Path.Combine(_work, "r.html"));
        Assert.Contains("images.csv not found beside summary.json", html, StringComparison.Ordinal);
        Assert.Contains("links.csv not found beside summary.json", html, StringComparison.Ordinal);
        Assert.Equal(1, Count(html, "<svg "));
    }

    [Fact]
    public void Report_MissingFolder_ExitsTwo()
    {
        var missing = Path.Combine(_work, "nope");

        var (code, _, error) = CliRunner.Run("report", missing);

        Assert.Equal(2, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains($"folder {missing} not found", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_FolderWithoutResults_ExitsTwoWithHint()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_work, "empty")).FullName;
        File.WriteAllText(Path.Combine(empty, "notes.json"), "{}");
        File.WriteAllText(Path.Combine(empty, "policies.json"), "{\"rows\": []}");

        var (code, _, error) = CliRunner.Run("report", empty);

        Assert.Equal(2, code);
        Assert.Equal($"edgecascade: no results found in {empty}; run 'edgecascade compare' or 'edgecascade simulate' first", error.Trim());
    }

    [Theory]
    [InlineData("frameworks.json", "{ \"experiment\": \"frameworks\", ", "malformed JSON")]
    [InlineData("paths.json", "{ \"experiment\": \"paths\" }", "missing or invalid 'curves'")]
    [InlineData("entropy.json", "{ \"experiment\": \"tables\", \"series\": [] }", "unknown experiment 'tables'")]
    [InlineData("summary.json", "{ \"schema\": \"edgecascade.simulation-summary/9\" }", "is not " + SimulationSummary.SchemaId)]
    public void Report_BadJson_ExitsTwoNamingFile(string name, string content, string reason)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_work, "bad")).FullName;
        File.WriteAllText(Path.Combine(dir, name), content);

        var (code, _, error) = CliRunner.Run("report", dir);

        Assert.Equal(2, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith($"edgecascade: {Path.Combine(dir, name)}: ", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nodes.csv", "time,node,busy\n0.1,a,5\n", "expected 'time_seconds,node,gpu_busy_percent")]
    [InlineData("links.csv", CsvHeaders.Links + "\n0.1,cam->cloud,5\n", ":2: expected 5 comma-separated fields, found 3")]
    [InlineData("images.csv", CsvHeaders.Images + "\ncam,0,0,0,0.1,abc,false,10,,,,\n", ":2: latency_seconds 'abc' is not a number")]
    public void Report_BadCsv_ExitsTwoNamingFile(string name, string content, string reason)
    {
        var sim = SimulationFolder.Write(Path.Combine(_work, "sim"));
        File.WriteAllText(Path.Combine(sim, name), content);

        var (code, _, error) = CliRunner.Run("report", sim);

        Assert.Equal(2, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith($"edgecascade: {Path.Combine(sim, name)}", error, StringComparison.Ordinal);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_OutNotHtml_ExitsTwo()
    {
        var (code, _, error) = CliRunner.Run("report", _compare.Directory, "--out", Path.Combine(_work, "r.txt"));

        Assert.Equal(2, code);
        Assert.Contains("must name an .html file", error, StringComparison.Ordinal);
    }

    private static int Count(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>Real compare documents of every experiment, made once on the synthetic family (64 px images).</summary>
    public sealed class CompareResults : IDisposable
    {
        private readonly SyntheticFamily _family = new(seed: 5);
        private readonly string _work = System.IO.Directory.CreateTempSubdirectory("ec-report-compare-").FullName;

        public CompareResults()
        {
            var images = Path.Combine(_work, "images");
            System.IO.Directory.CreateDirectory(images);
            for (var i = 0; i < 2; i++)
            {
                var image = new RgbImage(64, 64);
                new Random(i).NextBytes(image.Pixels);
                ImageFile.Write(Path.Combine(images, $"img{i}.png"), image);
            }

            Directory = Path.Combine(_work, "compare");
            foreach (var experiment in new[] { "frameworks", "policies", "complexity", "paths", "entropy" })
            {
                var (code, _, error) = CliRunner.Run("compare", "-e", experiment, "--images", images, "--models", _family.Directory, "--out", Directory, "--json");
                if (code != 0)
                {
                    throw new InvalidOperationException($"compare {experiment} failed: {error}");
                }
            }
        }

        public string Directory { get; }

        public void Dispose()
        {
            _family.Dispose();
            System.IO.Directory.Delete(_work, recursive: true);
        }
    }
}
