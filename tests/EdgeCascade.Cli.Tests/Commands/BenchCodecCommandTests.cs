using System.Text.Json;
using EdgeCascade.Cli.Tests.Benchmarks;

namespace EdgeCascade.Cli.Tests.Commands;

public sealed class BenchCodecCommandTests
{
    private static string Models => CliRunner.RepoFile(Path.Combine("models", "ec-mshp-v1"));

    private static string Images => CliRunner.RepoFile(Path.Combine("data", "eval"));

    [Fact]
    public void BenchCodec_NoPython_ExitsTwoWithOneLine()
    {
        var (code, _, error) = CliRunner.Run("bench", "codec", "--models", Models, "--images", Images, "--python", "/nonexistent/python3");

        Assert.Equal(2, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("PyTorch reference unavailable", line, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchCodec_NoLargeImage_ExitsTwoWithOneLine()
    {
        var folder = Directory.CreateTempSubdirectory("ec-bench-small-").FullName;
        try
        {
            File.Copy(Path.Combine(Images, "chelsea.png"), Path.Combine(folder, "chelsea.png"));

            var (code, _, error) = CliRunner.Run("bench", "codec", "--models", Models, "--images", folder);

            Assert.Equal(2, code);
            Assert.Contains("768x512", Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TorchFact]
    public void BenchCodec_Json_ComparesBothEnginesOnTheSameWeights()
    {
        var (code, output, error) = CliRunner.Run("bench", "codec", "--models", Models, "--images", Images, "--repeat", "1", "--json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(768, root.GetProperty("width").GetInt32());
        Assert.Equal(512, root.GetProperty("height").GetInt32());
        Assert.Equal(9, root.GetProperty("level").GetInt32());
        foreach (var key in new[] { "csharp_encode_seconds", "csharp_decode_seconds", "pytorch_encode_seconds", "pytorch_decode_seconds", "ratio_encode", "ratio_decode", "gflops" })
        {
            Assert.True(root.GetProperty(key).GetDouble() > 0, key);
        }

        // Same weights and the same quantisation: both reconstructions must be (nearly) the same image.
        Assert.InRange(Math.Abs(root.GetProperty("pytorch_psnr").GetDouble() - root.GetProperty("csharp_psnr").GetDouble()), 0, 0.05);
        Assert.Equal(
            root.GetProperty("csharp_encode_seconds").GetDouble() / root.GetProperty("pytorch_encode_seconds").GetDouble(),
            root.GetProperty("ratio_encode").GetDouble(),
            9);
    }
}
