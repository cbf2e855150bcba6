namespace EdgeCascade.Cli.Tests;

public sealed class OutputFileTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("ec-out-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public void WriteAtomically_ExistingRegularFile_ReplacesItAndLeavesNoTemporaryFile()
    {
        var path = Path.Combine(_work, "result.json");
        File.WriteAllText(path, "old");

        OutputFile.WriteAtomically(path, "new"u8.ToArray(), "--out");

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_work));
    }

    [Fact]
    public void Check_Directory_ThrowsUserInput()
    {
        var error = Assert.Throws<UserInputException>(() => OutputFile.Check(_work, "--out"));

        Assert.Contains("is a directory", error.Message, StringComparison.Ordinal);
    }

    [LinuxFact]
    public void Check_CharacterDevice_ThrowsUserInput()
    {
        var error = Assert.Throws<UserInputException>(() => OutputFile.Check("/dev/null", "--out"));

        Assert.Contains("not a regular file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_MissingFolder_ThrowsUserInput()
    {
        var error = Assert.Throws<UserInputException>(() => OutputFile.Check(Path.Combine(_work, "no", "such", "x.json"), "--out"));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }
}
