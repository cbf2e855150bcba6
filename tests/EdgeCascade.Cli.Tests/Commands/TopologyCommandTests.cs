using System.Text.Json;

namespace EdgeCascade.Cli.Tests.Commands;

public sealed class TopologyCommandTests
{
    private static readonly string Topologies = CliRunner.RepoFile("topologies.hocon");

    [Fact]
    public void Validate_ShippedFile_ExitsZeroWithLinePerTopology()
    {
        var (code, output, _) = CliRunner.Run("topology", "validate", Topologies);

        Assert.Equal(0, code);
        Assert.Contains("two-stage: 3 nodes, 2 links, 1 flows", output, StringComparison.Ordinal);
        Assert.Contains("five-hop-chain: 6 nodes, 5 links", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MalformedFile_ExitsTwoWithFileLineColumn()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.hocon");
        File.WriteAllText(path, "edgecascade.topologies.x {\n  nodes { a { gpu = } \n");
        try
        {
            var (code, _, error) = CliRunner.Run("topology", "validate", path);

            Assert.Equal(2, code);
            Assert.StartsWith($"edgecascade: {path}:", error, StringComparison.Ordinal);
            Assert.Single(error.Trim().Split('\n'));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Show_Json_ParsesWithPathsAndUnits()
    {
        var (code, output, _) = CliRunner.Run("topology", "show", "two-stage", "--file", Topologies, "--format", "json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var flow = json.RootElement.GetProperty("flows")[0];
        Assert.Equal(3, flow.GetProperty("path").GetArrayLength());
        Assert.Equal(20e6, json.RootElement.GetProperty("links")[0].GetProperty("bandwidth_bps").GetDouble());
    }

    [Fact]
    public void Show_Dot_IsDigraphWithEveryLink()
    {
        var (code, output, _) = CliRunner.Run("topology", "show", "campus-tree", "--file", Topologies, "--format", "dot");

        Assert.Equal(0, code);
        Assert.StartsWith("digraph \"campus-tree\"", output, StringComparison.Ordinal);
        Assert.Equal(11, output.Split("->").Length - 1);
    }

    [Fact]
    public void Show_Text_ListsNodesAndFlows()
    {
        var (code, output, _) = CliRunner.Run("topology", "show", "two-stage", "--file", Topologies);

        Assert.Equal(0, code);
        Assert.Contains("base-station", output, StringComparison.Ordinal);
        Assert.Contains("camera -> base-station -> cloud", output, StringComparison.Ordinal);
        Assert.Contains("20 Mbit/s", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_UnknownTopology_ExitsTwoWithSuggestion()
    {
        var (code, _, error) = CliRunner.Run("topology", "show", "two-stag", "--file", Topologies);

        Assert.Equal(2, code);
        Assert.Contains("did you mean 'two-stage'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("topology", "show", "two-stage", "--format", "pdf")]
    [InlineData("topology", "show", "two-stage", "--bogus")]
    public void Run_BadCommandLine_ExitsTwoWithOneLine(params string[] args)
    {
        var (code, _, error) = CliRunner.Run(args);

        Assert.Equal(2, code);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void Run_Help_ListsCommands()
    {
        var (code, output, _) = CliRunner.Run("--help");

        Assert.Equal(0, code);
        Assert.Contains("topology", output, StringComparison.Ordinal);
    }

    // Issue 17, failure 5: validate /dev/zero grew until out of memory.
    [Fact]
    public void Validate_DevZero_ExitsTwoAtOnce()
    {
        var (code, _, error) = CliRunner.Run("topology", "validate", "/dev/zero");

        Assert.Equal(2, code);
        Assert.Contains("larger than 16 MiB", error, StringComparison.Ordinal);
    }

    // Issue 17, failure 6: a 1 µbps link validated (and simulate then spun forever).
    [Fact]
    public void Validate_MicroBpsLink_ExitsTwoWithFileLineColumn()
    {
        var path = Path.Combine(Path.GetTempPath(), $"slow-{Guid.NewGuid():N}.hocon");
        File.WriteAllText(path, """
            edgecascade.topologies.slow {
              nodes { a { gpu = camera-soc }, b { gpu = a100 } }
              links = [ { from = a, to = b, bandwidth = 0.000001 bps } ]
              flows { f { source = a, destination = b, target-level = 2 } }
            }
            """);
        try
        {
            var (code, _, error) = CliRunner.Run("topology", "validate", path);

            Assert.Equal(2, code);
            Assert.StartsWith($"edgecascade: {path}:3:", error, StringComparison.Ordinal);
            Assert.Contains("below the minimum 1 kbps", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    // Tidied: a directory gave "Access to the path is denied".
    [Fact]
    public void Validate_Directory_SaysDirectory()
    {
        var (code, _, error) = CliRunner.Run("topology", "validate", Path.GetTempPath());

        Assert.Equal(2, code);
        Assert.Contains("directory", error, StringComparison.Ordinal);
        Assert.DoesNotContain("denied", error, StringComparison.Ordinal);
    }
}
