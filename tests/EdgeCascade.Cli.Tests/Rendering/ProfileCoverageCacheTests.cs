namespace EdgeCascade.Cli.Tests.Rendering;

/// <summary>A topology the shipped profile does not cover simulates without a manual profile build.</summary>
public sealed class ProfileCoverageCacheTests : IDisposable
{
    private const string Topology = """
        edgecascade.topologies.mine {
          nodes { cam { gpu = jetson-orin-nano }, edge { gpu = t4 }, dc { gpu = t4 }, cloud { gpu = a100 } }
          links = [
            { from = cam, to = edge, bandwidth = 50 Mbps, latency = 2 ms }
            { from = edge, to = dc, bandwidth = 100 Mbps, latency = 4 ms }
            { from = dc, to = cloud, bandwidth = 1 Gbps, latency = 6 ms }
          ]
          flows { f { source = cam, destination = cloud, source-level = 8, target-level = 5 } }
          scenarios { default { arrival = periodic, rate = 5, count = 20, seed = 1, resolution = 1280x720 } }
        }
        """;

    private readonly string _work = Directory.CreateTempSubdirectory("ec-coverage-").FullName;

    [Fact]
    public void Simulate_FlowTheProfileLacks_MeasuresOnceThenReadsTheCache()
    {
        // A copy of the shipped profile (it has no cascade from level 8), so the cache lands in the temp folder.
        string profile = Path.Combine(_work, "profile.json");
        File.Copy(CliRunner.RepoFile("models/ec-mshp-v1/profile.json"), profile);
        string topology = Path.Combine(_work, "mine.hocon");
        File.WriteAllText(topology, $"include \"{CliRunner.RepoFile("topologies.hocon")}\"\n{Topology}");
        string[] args = ["simulate", "--file", topology, "--topology", "mine", "--profile", profile, "--json"];

        var first = CliRunner.Run([.. args, "--out", Path.Combine(_work, "a")]);
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("measuring 3 cascade(s)", first.Error, StringComparison.Ordinal);
        string cache = Assert.Single(Directory.GetFiles(_work, "profile.ec-mshp-v1-*.cache.json"));

        var second = CliRunner.Run([.. args, "--out", Path.Combine(_work, "b")]);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.DoesNotContain("measuring", second.Error, StringComparison.Ordinal);

        Assert.Equal(File.ReadAllBytes(Path.Combine(_work, "a", "summary.json")), File.ReadAllBytes(Path.Combine(_work, "b", "summary.json")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(_work, "a", "images.csv")), File.ReadAllBytes(Path.Combine(_work, "b", "images.csv")));
        Assert.True(new FileInfo(cache).Length > new FileInfo(profile).Length);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
