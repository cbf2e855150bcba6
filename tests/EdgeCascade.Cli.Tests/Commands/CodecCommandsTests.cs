using System.Text.Json;
using EdgeCascade.Codec.Imaging;
using EdgeCascade.Codec.Tests.Models;

namespace EdgeCascade.Cli.Tests.Commands;

public sealed class CodecCommandsTests : IDisposable
{
    private readonly SyntheticFamily _family = new(seed: 5);
    private readonly string _work = Directory.CreateTempSubdirectory("ec-cli-").FullName;

    public void Dispose()
    {
        _family.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    private string WriteImage()
    {
        var image = new RgbImage(80, 48);
        var random = new Random(3);
        random.NextBytes(image.Pixels);
        var path = Path.Combine(_work, "in.png");
        ImageFile.Write(path, image);
        return path;
    }

    [Fact]
    public void EncodeInspectDecode_RoundTrip_WritesImageOfSameSize()
    {
        var input = WriteImage();
        var ecb = Path.Combine(_work, "out.ecb");
        var png = Path.Combine(_work, "out.png");

        var encode = CliRunner.Run("encode", input, "-o", ecb, "--level", "3", "--models", _family.Directory);
        var inspect = CliRunner.Run("inspect", ecb, "--json");
        var decode = CliRunner.Run("decode", ecb, "-o", png, "--models", _family.Directory);

        Assert.Equal(0, encode.ExitCode);
        Assert.Equal(0, inspect.ExitCode);
        Assert.Equal(0, decode.ExitCode);
        using var json = JsonDocument.Parse(inspect.Output);
        Assert.Equal(3, json.RootElement.GetProperty("level").GetInt32());
        Assert.Equal("ec-test", json.RootElement.GetProperty("family_id").GetString());
        Assert.Equal(new FileInfo(ecb).Length * 8.0 / (80 * 48), json.RootElement.GetProperty("bits_per_pixel").GetDouble(), 9);
        var decoded = ImageFile.Read(png);
        Assert.Equal((80, 48), (decoded.Width, decoded.Height));
    }

    [Fact]
    public void Decode_CorruptFile_ExitsTwoWithOneLine()
    {
        var ecb = Path.Combine(_work, "bad.ecb");
        CliRunner.Run("encode", WriteImage(), "-o", ecb, "--level", "2", "--models", _family.Directory);
        var bytes = File.ReadAllBytes(ecb);
        File.WriteAllBytes(ecb, bytes.AsSpan(0, bytes.Length / 2).ToArray());

        var (code, _, error) = CliRunner.Run("decode", ecb, "-o", Path.Combine(_work, "x.png"), "--models", _family.Directory);

        Assert.Equal(2, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.False(File.Exists(Path.Combine(_work, "x.png")));
    }

    [Fact]
    public void Encode_MissingModels_ExitsTwoNamingTheFix()
    {
        var (code, _, error) = CliRunner.Run("encode", WriteImage(), "-o", Path.Combine(_work, "o.ecb"), "--level", "2", "--models", Path.Combine(_work, "none"));

        Assert.Equal(2, code);
        Assert.Contains("train_all.sh", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_LevelOutOfRange_ExitsTwo()
    {
        var (code, _, error) = CliRunner.Run("encode", WriteImage(), "-o", Path.Combine(_work, "o.ecb"), "--level", "9", "--models", _family.Directory);

        Assert.Equal(2, code);
        Assert.Contains("outside 1..6", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_MalformedImage_ExitsTwo()
    {
        var path = Path.Combine(_work, "bad.png");
        File.WriteAllBytes(path, [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);

        var (code, _, _) = CliRunner.Run("encode", path, "-o", Path.Combine(_work, "o.ecb"), "--level", "2", "--models", _family.Directory);

        Assert.Equal(2, code);
    }

    [Fact]
    public void Inspect_MissingFile_ExitsTwo()
    {
        var (code, _, error) = CliRunner.Run("inspect", Path.Combine(_work, "missing.ecb"));

        Assert.Equal(2, code);
        Assert.Contains("missing.ecb", error, StringComparison.Ordinal);
    }
}
