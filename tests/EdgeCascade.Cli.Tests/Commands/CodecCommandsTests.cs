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

    private string WriteEcb(string name = "in.ecb")
    {
        var ecb = Path.Combine(_work, name);
        Assert.Equal(0, CliRunner.Run("encode", WriteImage(), "-o", ecb, "--level", "2", "--models", _family.Directory).ExitCode);
        return ecb;
    }

    private string[] Entries() => Directory.GetFileSystemEntries(_work).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    // Issue 17, failure 1: an output that is not a regular file is never replaced. A link to /dev/null stands in for
    // /dev/null itself, so that this test cannot harm the machine even against a build without the fix.
    [Fact]
    public void Encode_OutputLinksToDevNull_ExitsTwoAndKeepsTheLink()
    {
        var link = Path.Combine(_work, "null.ecb");
        File.CreateSymbolicLink(link, "/dev/null");

        var (code, _, error) = CliRunner.Run("encode", WriteImage(), "-o", link, "--level", "2", "--models", _family.Directory);

        Assert.Equal(2, code);
        Assert.Contains("not a regular file", error, StringComparison.Ordinal);
        Assert.Equal("/dev/null", new FileInfo(link).LinkTarget);
        Assert.Equal(["in.png", "null.ecb"], Entries());
    }

    [Fact]
    public void Encode_OutputIsNamedPipe_ExitsTwoAndKeepsThePipe()
    {
        var fifo = Path.Combine(_work, "pipe.ecb");
        CliRunner.MakeFifo(fifo);

        var (code, _, error) = CliRunner.Run("encode", WriteImage(), "-o", fifo, "--level", "2", "--models", _family.Directory);

        Assert.Equal(2, code);
        Assert.Contains("named pipe", error, StringComparison.Ordinal);
        Assert.Equal(0, new FileInfo(fifo).Length);
    }

    // Also tidied: the error named the temporary ".partial" path and said "access denied" for a directory.
    [Fact]
    public void Encode_OutputIsDirectory_ExitsTwoNamingNoTemporaryFile()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_work, "out")).FullName;

        var (code, _, error) = CliRunner.Run("encode", WriteImage(), "-o", folder, "--level", "2", "--models", _family.Directory);

        Assert.Equal(2, code);
        Assert.Contains("is a directory", error, StringComparison.Ordinal);
        Assert.DoesNotContain("partial", error, StringComparison.Ordinal);
        Assert.DoesNotContain("denied", error, StringComparison.Ordinal);
        Assert.Equal(["in.png", "out"], Entries());
    }

    // Issue 17, failure 2: an output name decode cannot write was an unhandled ArgumentException (exit 134).
    [Theory]
    [InlineData("out.jpg")]
    [InlineData("out")]
    [InlineData("")]
    public void Decode_OutputNotAnImageName_ExitsTwoWithOneLine(string name)
    {
        var ecb = WriteEcb();
        var output = name.Length == 0 ? name : Path.Combine(_work, name);

        var (code, _, error) = CliRunner.Run("decode", ecb, "-o", output, "--models", _family.Directory);

        Assert.Equal(2, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        Assert.Equal(["in.ecb", "in.png"], Entries());
    }

    // Issue 17, failure 3: decode wrote in place, so a failed write (a full disk) destroyed a good out.png. A file-size
    // limit (ulimit -f, with SIGXFSZ ignored so the write fails with EFBIG) makes the write fail the same way. W^X is off
    // because its double-mapped code file would itself hit the limit and stop the runtime from starting.
    [Fact]
    public void Decode_WriteFails_KeepsExistingOutputAndLeavesNoTemporary()
    {
        var ecb = WriteEcb();
        var png = Path.Combine(_work, "out.png");
        var good = new byte[] { 1, 2, 3, 4, 5 };
        File.WriteAllBytes(png, good);

        var (code, _, error) = CliRunner.RunProcess("export DOTNET_EnableWriteXorExecute=0; trap '' XFSZ; ulimit -f 4", _work, "decode", ecb, "-o", png, "--models", _family.Directory);

        Assert.Equal(2, code);
        Assert.Contains("cannot write", error, StringComparison.Ordinal);
        Assert.Equal(good, File.ReadAllBytes(png));
        Assert.Equal(["in.ecb", "in.png", "out.png"], Entries());
    }

    // Issue 17, failure 4: empty paths were unhandled exceptions (exit 134), and -o "" left a .partial file in the
    // working directory.
    [Fact]
    public void Encode_EmptyOutput_ExitsTwoAndWritesNothing()
    {
        var input = WriteImage();

        var (code, _, error) = CliRunner.RunProcess("true", _work, "encode", input, "-o", "", "--level", "2", "--models", _family.Directory);

        Assert.Equal(2, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Equal(["in.png"], Entries());
    }

    [Fact]
    public void Encode_EmptyInput_ExitsTwoWithOneLine()
    {
        var (code, _, error) = CliRunner.Run("encode", "", "-o", Path.Combine(_work, "o.ecb"), "--level", "2", "--models", _family.Directory);

        Assert.Equal(2, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("empty", error, StringComparison.Ordinal);
    }

    // Issue 17, failure 5: nothing bounded what was read; /dev/zero and /dev/urandom grew until out of memory.
    [Fact]
    public void Encode_DevZero_ExitsTwoAtOnce()
    {
        var (code, _, error) = CliRunner.Run("encode", "/dev/zero", "-o", Path.Combine(_work, "o.ecb"), "--level", "2", "--models", _family.Directory);

        Assert.Equal(2, code);
        Assert.Contains("/dev/zero", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_DevZero_ExitsTwoAtOnce()
    {
        var (code, _, error) = CliRunner.Run("inspect", "/dev/zero");

        Assert.Equal(2, code);
        Assert.Contains("/dev/zero", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_DevUrandom_ExitsTwoAtOnce()
    {
        var (code, _, error) = CliRunner.Run("decode", "/dev/urandom", "-o", Path.Combine(_work, "o.png"), "--models", _family.Directory);

        Assert.Equal(2, code);
        Assert.Contains("/dev/urandom", error, StringComparison.Ordinal);
    }

    // Issue 17, failure 7: encode same.png -o same.png overwrote the source image with the bitstream (exit 0).
    [Fact]
    public void Encode_OutputIsTheInput_ExitsTwoAndKeepsTheImage()
    {
        var input = WriteImage();
        var before = File.ReadAllBytes(input);

        var (code, _, error) = CliRunner.Run("encode", input, "-o", input, "--level", "2", "--models", _family.Directory);

        Assert.Equal(2, code);
        Assert.Contains("input image itself", error, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(input));
    }

    // Tidied: inspect printed (exit 0) a header whose image size does not match its hyper-latent, which decode rejects.
    [Fact]
    public void Inspect_HeaderDecodeRejects_ExitsTwo()
    {
        var bytes = EdgeCascade.Codec.Bitstreams.EcbWriter.ToBytes(new EdgeCascade.Codec.Bitstreams.EcbContainer(
            "ec-test", 2, 48, 80, 16, 48, new EdgeCascade.Codec.Bitstreams.LatentShape(4, 5, 5), new byte[8], new byte[8]));
        var path = Path.Combine(_work, "odd.ecb");
        File.WriteAllBytes(path, bytes);

        var (code, _, error) = CliRunner.Run("inspect", path);

        Assert.Equal(2, code);
        Assert.Contains("does not match the hyper-latent", error, StringComparison.Ordinal);
    }
}
