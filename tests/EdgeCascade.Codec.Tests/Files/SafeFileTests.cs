using System.Diagnostics;
using EdgeCascade.Codec.Files;

namespace EdgeCascade.Codec.Tests.Files;

public sealed class SafeFileTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("ec-safefile-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private string[] Entries() => Directory.GetFileSystemEntries(_work).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    [Fact]
    public void WriteAllBytes_ExistingFile_ReplacesItAndLeavesNoTemporary()
    {
        var path = Path.Combine(_work, "out.bin");
        File.WriteAllBytes(path, [1, 2, 3]);

        SafeFile.WriteAllBytes(path, [9, 8]);

        Assert.Equal([9, 8], File.ReadAllBytes(path));
        Assert.Equal(["out.bin"], Entries());
    }

    [Fact]
    public void Write_CallbackThrows_KeepsOldFileAndRemovesTemporary()
    {
        var path = Path.Combine(_work, "out.bin");
        File.WriteAllBytes(path, [1, 2, 3]);

        Assert.Throws<InvalidOperationException>(() => SafeFile.Write(path, stream =>
        {
            stream.Write([7, 7, 7, 7]);
            throw new InvalidOperationException("disk full, say");
        }));

        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
        Assert.Equal(["out.bin"], Entries());
    }

    [Fact]
    public void WriteAllBytes_SymlinkToDevNull_ThrowsAndKeepsTheLink()
    {
        var link = Path.Combine(_work, "null-link");
        File.CreateSymbolicLink(link, "/dev/null");

        var error = Assert.Throws<SafeFileException>(() => SafeFile.WriteAllBytes(link, [1]));

        Assert.Contains("not a regular file", error.Message, StringComparison.Ordinal);
        Assert.Equal("/dev/null", new FileInfo(link).LinkTarget);
        Assert.Equal(["null-link"], Entries());
    }

    [Fact]
    public void WriteAllBytes_SymlinkToRegularFile_WritesThroughTheLink()
    {
        var target = Path.Combine(_work, "real.bin");
        var link = Path.Combine(_work, "link.bin");
        File.WriteAllBytes(target, [1]);
        File.CreateSymbolicLink(link, target);

        SafeFile.WriteAllBytes(link, [2, 2]);

        Assert.Equal(target, new FileInfo(link).LinkTarget);
        Assert.Equal([2, 2], File.ReadAllBytes(target));
    }

    [Fact]
    public void WriteAllBytes_NamedPipe_ThrowsWithoutReplacingIt()
    {
        var fifo = Path.Combine(_work, "pipe");
        MakeFifo(fifo);

        var error = Assert.Throws<SafeFileException>(() => SafeFile.WriteAllBytes(fifo, [1]));

        Assert.Contains("named pipe", error.Message, StringComparison.Ordinal);
        Assert.Equal(["pipe"], Entries());
        Assert.Equal(0, new FileInfo(fifo).Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sub/")]
    public void CheckOutput_EmptyOrFolderPath_ThrowsNamingTheFix(string path)
    {
        var error = Assert.Throws<SafeFileException>(() => SafeFile.CheckOutput(path));

        Assert.Contains("; ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckOutput_Directory_ThrowsSayingDirectory()
    {
        var error = Assert.Throws<SafeFileException>(() => SafeFile.CheckOutput(_work));

        Assert.Contains("is a directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckOutput_MissingFolder_ThrowsNamingTheFolder()
    {
        var error = Assert.Throws<SafeFileException>(() => SafeFile.CheckOutput(Path.Combine(_work, "none", "x.bin")));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckOutput_CharacterDevice_Throws()
    {
        // Only checks: nothing is written, so /dev/full is safe to name even as root.
        var error = Assert.Throws<SafeFileException>(() => SafeFile.CheckOutput("/dev/full"));

        Assert.Contains("character device", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAllBytes_DevZero_FailsFast()
    {
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<SafeFileException>(() => SafeFile.ReadAllBytes("/dev/zero", 1 << 20, "an image"));

        Assert.Contains("device", error.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void ReadAllBytes_OverLimit_ThrowsNamingTheLimit()
    {
        var path = Path.Combine(_work, "big.bin");
        File.WriteAllBytes(path, new byte[3 << 20]);

        var error = Assert.Throws<SafeFileException>(() => SafeFile.ReadAllBytes(path, 2 << 20, "an image"));

        Assert.Contains("larger than 2 MiB, the limit for an image", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAllBytes_AtLimit_ReturnsContent()
    {
        var path = Path.Combine(_work, "exact.bin");
        File.WriteAllBytes(path, [1, 2, 3, 4]);

        Assert.Equal([1, 2, 3, 4], SafeFile.ReadAllBytes(path, 4, "a file"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("missing.bin")]
    public void ReadAllBytes_EmptyOrMissingPath_ThrowsOneLine(string name)
    {
        var path = name.Length == 0 ? name : Path.Combine(_work, name);

        var error = Assert.Throws<SafeFileException>(() => SafeFile.ReadAllBytes(path, 10, "an image"));

        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void ReadAllBytes_Directory_SaysDirectoryNotAccessDenied()
    {
        var error = Assert.Throws<SafeFileException>(() => SafeFile.ReadAllBytes(_work, 10, "an image"));

        Assert.Contains("is a directory", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("denied", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AreSameFile_LinkAndDifferentSpelling_True()
    {
        var path = Path.Combine(_work, "a.png");
        File.WriteAllBytes(path, [1]);
        var link = Path.Combine(_work, "b.png");
        File.CreateSymbolicLink(link, path);

        Assert.True(SafeFile.AreSameFile(path, Path.Combine(_work, ".", "a.png")));
        Assert.True(SafeFile.AreSameFile(path, link));
        Assert.False(SafeFile.AreSameFile(path, Path.Combine(_work, "c.png")));
    }

    [Fact]
    public void PublishDirectory_ExistingTarget_ReplacesFilesKeepsOthersAndRemovesStaging()
    {
        var target = Path.Combine(_work, "run");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "summary.json"), "old");
        File.WriteAllText(Path.Combine(target, "notes.txt"), "mine");

        var staging = SafeFile.CreateStagingDirectory(target);
        File.WriteAllText(Path.Combine(staging, "summary.json"), "new");
        SafeFile.PublishDirectory(staging, target);

        Assert.Equal("new", File.ReadAllText(Path.Combine(target, "summary.json")));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(target, "notes.txt")));
        Assert.Equal(["run"], Entries());
    }

    [Fact]
    public void PublishDirectory_TargetEntryIsDirectory_MovesNothing()
    {
        var target = Path.Combine(_work, "run");
        Directory.CreateDirectory(Path.Combine(target, "summary.json"));
        var staging = SafeFile.CreateStagingDirectory(target);
        File.WriteAllText(Path.Combine(staging, "images.csv"), "a");
        File.WriteAllText(Path.Combine(staging, "summary.json"), "b");

        Assert.Throws<SafeFileException>(() => SafeFile.PublishDirectory(staging, target));
        SafeFile.DeleteStagingDirectory(staging);

        Assert.False(File.Exists(Path.Combine(target, "images.csv")));
        Assert.Equal(["run"], Entries());
    }

    [Fact]
    public void CreateStagingDirectory_TargetIsFile_Throws()
    {
        var file = Path.Combine(_work, "run");
        File.WriteAllText(file, "x");

        var error = Assert.Throws<SafeFileException>(() => SafeFile.CreateStagingDirectory(file));

        Assert.Contains("not a folder", error.Message, StringComparison.Ordinal);
    }

    internal static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }
}
