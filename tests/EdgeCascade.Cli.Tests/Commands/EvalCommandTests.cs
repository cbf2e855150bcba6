using System.Text.Json;
using EdgeCascade.Cli.Evaluation;
using EdgeCascade.Cli.Tests.Evaluation;
using EdgeCascade.Codec.Imaging;
using EdgeCascade.Codec.Tests.Models;
using EdgeCascade.Simulation.Workloads;

namespace EdgeCascade.Cli.Tests.Commands;

public sealed class EvalCommandTests : IDisposable
{
    // MS-SSIM's five scales need both sides above 160 pixels.
    private const int Side = 176;

    private readonly SyntheticFamily _family = new(seed: 11);
    private readonly string _work = Directory.CreateTempSubdirectory("ec-eval-").FullName;

    public void Dispose()
    {
        _family.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public void Eval_TinyFolderOneLevelJson_PrintsOneObjectWithSchemaAndRealBytes()
    {
        var images = ImageFolderWith(2);
        File.WriteAllText(Path.Combine(images, "notes.txt"), "not an image");
        var outPath = Path.Combine(_work, "eval.json");

        var (code, output, error) = CliRunner.Run("eval", "--images", images, "--levels", "3..3", "--models", _family.Directory, "--json", "--out", outPath);

        Assert.Equal(0, code);
        Assert.Contains("notes.txt", error, StringComparison.Ordinal);
        Assert.Equal(output.Trim(), File.ReadAllText(outPath));
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("ec-test", root.GetProperty("family").GetString());
        var level = Assert.Single(root.GetProperty("levels").EnumerateArray());
        Assert.Equal(
            ["level", "bpp", "psnr", "ms_ssim_db", "encode_seconds", "decode_seconds"],
            level.EnumerateObject().Select(p => p.Name));
        Assert.Equal(3, level.GetProperty("level").GetInt32());
        Assert.True(level.GetProperty("ms_ssim_db").GetDouble() > 0);
        Assert.True(level.GetProperty("encode_seconds").GetDouble() > 0);
        Assert.True(level.GetProperty("decode_seconds").GetDouble() > 0);
        Assert.False(root.TryGetProperty("anchors", out _));

        var perImage = root.GetProperty("images").EnumerateArray().ToList();
        Assert.Equal(["a", "b"], perImage.Select(i => i.GetProperty("name").GetString()));
        var bpps = new List<double>();
        foreach (var image in perImage)
        {
            // The bytes must be those of a real .ecb file: what `encode` writes for the same image and level.
            var ecb = Path.Combine(_work, image.GetProperty("name").GetString() + ".ecb");
            Assert.Equal(0, CliRunner.Run("encode", Path.Combine(images, image.GetProperty("name").GetString() + ".png"), "-o", ecb, "--level", "3", "--models", _family.Directory).ExitCode);
            var coded = Assert.Single(image.GetProperty("levels").EnumerateArray());
            Assert.Equal(new FileInfo(ecb).Length, coded.GetProperty("bytes").GetInt64());
            Assert.Equal(new FileInfo(ecb).Length * 8.0 / (Side * Side), coded.GetProperty("bpp").GetDouble(), 12);
            bpps.Add(coded.GetProperty("bpp").GetDouble());
        }

        Assert.Equal(bpps.Average(), level.GetProperty("bpp").GetDouble(), 12);
    }

    [Fact]
    public void Eval_Table_PrintsEveryRequestedLevel()
    {
        var (code, output, _) = CliRunner.Run("eval", "--images", ImageFolderWith(1), "--levels", "1..2", "--models", _family.Directory);

        Assert.Equal(0, code);
        Assert.Contains("MS-SSIM dB", output, StringComparison.Ordinal);
        Assert.Equal(2, output.Split('\n').Count(line => line.TrimStart().StartsWith('│') && (line.Contains("│     1 │", StringComparison.Ordinal) || line.Contains("│     2 │", StringComparison.Ordinal))));
    }

    [Fact]
    public void Eval_MissingFolder_ExitsTwoWithOneLine()
    {
        var result = CliRunner.Run("eval", "--images", Path.Combine(_work, "nowhere"), "--models", _family.Directory);

        AssertOneLineExitTwo(result, "not found");
    }

    [Fact]
    public void Eval_EmptyFolder_ExitsTwoWithOneLine()
    {
        var result = CliRunner.Run("eval", "--images", Directory.CreateDirectory(Path.Combine(_work, "empty")).FullName, "--models", _family.Directory);

        AssertOneLineExitTwo(result, "is empty");
    }

    [Fact]
    public void Eval_OnlyNonImageFiles_ExitsTwoNamingThem()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_work, "docs")).FullName;
        File.WriteAllText(Path.Combine(folder, "readme.md"), "# photos");
        File.WriteAllBytes(Path.Combine(folder, "broken.png"), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2]);

        var result = CliRunner.Run("eval", "--images", folder, "--models", _family.Directory);

        AssertOneLineExitTwo(result, "readme.md");
        Assert.Contains("broken.png", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5..7")]
    [InlineData("0..2")]
    [InlineData("9")]
    public void Eval_LevelsOutsideFamily_ExitsTwoWithOneLine(string levels)
    {
        var result = CliRunner.Run("eval", "--images", ImageFolderWith(1), "--levels", levels, "--models", _family.Directory);

        AssertOneLineExitTwo(result, "outside 1..6");
    }

    [Fact]
    public void Eval_NoModelFolder_ExitsTwoWithOneLine()
    {
        var result = CliRunner.Run("eval", "--images", ImageFolderWith(1), "--models", Path.Combine(_work, "no-models"));

        AssertOneLineExitTwo(result, "train_all.sh");
    }

    [Fact]
    public void Eval_MissingLevelWeights_ExitsTwoWithOneLine()
    {
        File.Delete(_family.PathOf("level4.safetensors"));

        var result = CliRunner.Run("eval", "--images", ImageFolderWith(1), "--levels", "3..4", "--models", _family.Directory);

        AssertOneLineExitTwo(result, "level4.safetensors");
    }

    [Fact]
    public void Eval_OutIsDirectory_ExitsTwoWithOneLine()
    {
        var result = CliRunner.Run("eval", "--images", ImageFolderWith(1), "--levels", "1", "--models", _family.Directory, "--out", _work);

        AssertOneLineExitTwo(result, "is a directory");
    }

    [LinuxFact]
    public void Eval_OutIsDevice_ExitsTwoAndLeavesTheDevice()
    {
        var result = CliRunner.Run("eval", "--images", ImageFolderWith(1), "--levels", "1", "--models", _family.Directory, "--out", "/dev/null");

        AssertOneLineExitTwo(result, "not a regular file");
        Assert.Empty(Directory.GetFiles("/dev", ".null.*"));
    }

    [Fact]
    public void Eval_UnknownAnchor_ExitsTwoWithOneLine()
    {
        var result = CliRunner.Run("eval", "--images", ImageFolderWith(1), "--levels", "1", "--models", _family.Directory, "--anchors", "jpeg,avif");

        AssertOneLineExitTwo(result, "avif");
    }

    [AnchorToolsFact(AnchorBackend.Tools)]
    public void Eval_AnchorsWithDebianTools_ReportsCurvesAndBdRates() => AssertAnchors(AnchorBackend.Tools, "cjpeg", "cwebp");

    [AnchorToolsFact(AnchorBackend.Pil)]
    public void Eval_AnchorsWithPil_ReportsCurvesAndBdRates() => AssertAnchors(AnchorBackend.Pil, "PIL", "PIL");

    private void AssertAnchors(AnchorBackend backend, string jpegTool, string webpTool)
    {
        // The shipped family on a crop of a real photo, so its PSNR range overlaps JPEG's and WebP's.
        var folder = Directory.CreateDirectory(Path.Combine(_work, "photo")).FullName;
        var photo = ImageFile.Read(CliRunner.RepoFile(Path.Combine("data", "eval", "astronaut.png")));
        ImageFile.Write(Path.Combine(folder, "astronaut.png"), EvalImageFolder.Crop(photo, 192));

        var (code, output, error) = CliRunner.Run(
            "eval", "--images", folder, "--models", CliRunner.RepoFile(Path.Combine("models", "ec-mshp-v1")),
            "--anchors", "jpeg,webp", "--anchor-backend", backend.ToString().ToLowerInvariant(), "--json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var anchors = json.RootElement.GetProperty("anchors");
        foreach (var (name, tool, qualities) in new[] { ("jpeg", jpegTool, 13), ("webp", webpTool, 11) })
        {
            var anchor = anchors.GetProperty(name);
            Assert.Contains(tool, anchor.GetProperty("tool").GetString(), StringComparison.Ordinal);
            var points = anchor.GetProperty("points").EnumerateArray().ToList();
            Assert.Equal(qualities, points.Count);
            // Higher quality settings must cost more bits and give a higher PSNR.
            Assert.True(points[^1].GetProperty("bpp").GetDouble() > points[0].GetProperty("bpp").GetDouble());
            Assert.True(points[^1].GetProperty("psnr").GetDouble() > points[0].GetProperty("psnr").GetDouble());
            Assert.True(double.IsFinite(anchor.GetProperty("bd_rate_psnr_percent_cubic").GetDouble()), anchor.ToString());
            Assert.True(double.IsFinite(anchor.GetProperty("bd_rate_psnr_percent_pchip").GetDouble()), anchor.ToString());
        }
    }

    private string ImageFolderWith(int count)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_work, $"images{count}")).FullName;
        foreach (var (name, index) in new[] { "a", "b", "c" }.Take(count).Select((n, i) => (n, i)))
        {
            ImageFile.Write(Path.Combine(folder, name + ".png"), SyntheticImages.Gradient(Side, Side, seed: index + 1));
        }

        return folder;
    }

    private static void AssertOneLineExitTwo((int ExitCode, string Output, string Error) result, string expected)
    {
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("edgecascade:", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }
}
