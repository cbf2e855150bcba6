using System.Text.Json;

namespace EdgeCascade.Cli.Tests.Commands;

/// <summary>Issue 17's must-show on the shipped campus-tree: one encode per captured image, one latent per shared link.</summary>
public sealed class SimulateCommandTreeTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("ec-tree-").FullName;

    [Fact]
    public void Simulate_CampusTree_CamerasRunOneJobPerImageAndSharedLinksCarryItOnce()
    {
        // A copy of the shipped profile, so cascades measured on demand are cached in the temp folder.
        string profile = Path.Combine(_work, "profile.json");
        File.Copy(CliRunner.RepoFile("models/ec-mshp-v1/profile.json"), profile);

        var (code, output, error) = CliRunner.Run(
            ["simulate", "--file", CliRunner.RepoFile("topologies.hocon"), "--topology", "campus-tree", "--profile", profile,
             "--images", "20", "--json", "--out", Path.Combine(_work, "run")]);

        Assert.True(code == 0, error);
        using var summary = JsonDocument.Parse(output);
        JsonElement root = summary.RootElement;
        long Jobs(string node) => root.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("name").GetString() == node).GetProperty("jobs").GetInt64();
        long Transfers(string link) => root.GetProperty("links").EnumerateArray().Single(l => l.GetProperty("name").GetString() == link).GetProperty("transfers").GetInt64();
        Assert.All(root.GetProperty("flows").EnumerateArray(), f => Assert.Equal(20, f.GetProperty("delivered").GetInt64()));
        // cam1 feeds the monitor and the archive, cam2 only the monitor: the same 20 jobs and 20 transfers each.
        Assert.Equal(20, Jobs("cam1"));
        Assert.Equal(20, Jobs("cam2"));
        Assert.Equal(20, Transfers("cam1->edge-a"));
        Assert.Equal(4 * 20, Transfers("edge-a->regional"));
        Assert.Equal(2 * 20, Transfers("regional->cloud"));
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
