using EdgeCascade.Codec.Imaging;
using EdgeCascade.Codec.Tests.Models;
using EdgeCascade.Simulation.Profiles;

namespace EdgeCascade.Cli.Tests.Commands;

public sealed class ProfileBuildCommandTests : IDisposable
{
    private const string Topology = """
        edgecascade.model-family.id = ec-test
        edgecascade.topologies.pair {
          nodes { cam { gpu = camera-soc }, relay { gpu = t4 }, cloud { gpu = a100 } }
          links = [
            { from = cam, to = relay, bandwidth = 20 Mbps }
            { from = relay, to = cloud, bandwidth = 1 Gbps }
          ]
          flows { f { source = cam, destination = cloud, source-level = 6, target-level = 3 } }
          scenarios { default { count = 20, rate = 5, seed = 3, images = images } }
        }
        """;

    private readonly SyntheticFamily _family = new(seed: 8);
    private readonly string _work = Directory.CreateTempSubdirectory("ec-profile-").FullName;

    public ProfileBuildCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(_work, "images"));
        for (var i = 0; i < 2; i++)
        {
            var image = new RgbImage(80, 72);
            new Random(i).NextBytes(image.Pixels);
            ImageFile.Write(Path.Combine(_work, "images", $"img{i}.png"), image);
        }

        File.WriteAllText(Path.Combine(_work, "topologies.hocon"), Topology);
    }

    public void Dispose()
    {
        _family.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    private (int ExitCode, string Output, string Error) BuildProfile(string output) =>
        CliRunner.Run("profile", "build", "--file", Path.Combine(_work, "topologies.hocon"), "--images", Path.Combine(_work, "images"),
            "--crop", "64", "--models", _family.Directory, "--out", output);

    [Fact]
    public void Build_TwoHopFlow_MeasuresEveryPolicyAndLevel()
    {
        var path = Path.Combine(_work, "profile.json");

        var (code, output, error) = BuildProfile(path);

        Assert.True(code == 0, error);
        Assert.Contains("6 levels, 3 cascades", output, StringComparison.Ordinal);
        var profile = ProfileJson.Load(path);
        Assert.Equal("ec-test", profile.ModelFamily);
        Assert.Equal(["[1,0,0,1]", "[0,1,0,1]", "[0,0,1,1]"], profile.Cascades.Select(c => c.Policy));
        Assert.All(profile.Cascades, c => Assert.Equal(2, c.Hops.Count));
        Assert.All(profile.Levels, l => Assert.Equal(2, l.BitsPerPixel.PerImage.Count));
    }

    [Fact]
    public void Build_Twice_ByteIdenticalProfiles()
    {
        BuildProfile(Path.Combine(_work, "a.json"));
        BuildProfile(Path.Combine(_work, "b.json"));

        Assert.Equal(File.ReadAllBytes(Path.Combine(_work, "a.json")), File.ReadAllBytes(Path.Combine(_work, "b.json")));
    }

    [Fact]
    public void Simulate_ExactFidelity_CodesEveryImageAndMatchesProfileRates()
    {
        var profilePath = Path.Combine(_work, "p.json");
        BuildProfile(profilePath);
        var topology = Path.Combine(_work, "topologies.hocon");

        var (code, output, error) = CliRunner.Run("simulate", "--file", topology, "--topology", "pair", "--fidelity", "exact",
            "--models", _family.Directory, "--crop", "64", "--images", "4", "--out", Path.Combine(_work, "sim"), "--json");

        Assert.True(code == 0, error);
        using var summary = System.Text.Json.JsonDocument.Parse(output);
        var flow = summary.RootElement.GetProperty("flows")[0];
        Assert.Equal(4, flow.GetProperty("delivered").GetInt32());
        Assert.Equal("exact", summary.RootElement.GetProperty("fidelity").GetString());
        var profile = ProfileJson.Load(profilePath);
        var edge = profile.Cascades.Single(c => c.Policy == flow.GetProperty("policy_vector").GetString());
        // Exact mode sends whole latent packets (streams plus a header of a few dozen bytes); the profile counts the
        // entropy-coded streams only, as HCF's bpp does.
        var headerBpp = flow.GetProperty("mean_bpp").GetDouble() - edge.Hops[^1].BitsPerPixel.Mean;
        Assert.InRange(headerBpp, 0, 64 * 8 / (64.0 * 64));
    }

    [Fact]
    public void BuildAndSimulate_MoreHopsThanLevelSteps_RelaysPassTheBitstreamThrough()
    {
        // 6 -> 5 over four links: two levels for four hops. Profile build used to die with ArgumentOutOfRangeException.
        const string chain = """
            edgecascade.model-family.id = ec-test
            edgecascade.topologies.long {
              nodes { cam { gpu = camera-soc }, r1 { gpu = t4 }, r2 { gpu = t4 }, r3 { gpu = t4 }, cloud { gpu = a100 } }
              links = [
                { from = cam, to = r1, bandwidth = 20 Mbps }
                { from = r1, to = r2, bandwidth = 1 Gbps }
                { from = r2, to = r3, bandwidth = 1 Gbps }
                { from = r3, to = cloud, bandwidth = 1 Gbps }
              ]
              flows { f { source = cam, destination = cloud, source-level = 6, target-level = 5 } }
              scenarios { default { count = 4, rate = 5, seed = 3, images = images } }
            }
            """;
        string topology = Path.Combine(_work, "long.hocon");
        File.WriteAllText(topology, chain);
        string profilePath = Path.Combine(_work, "long.json");
        var (buildCode, _, buildError) = CliRunner.Run("profile", "build", "--file", topology, "--images", Path.Combine(_work, "images"),
            "--crop", "64", "--models", _family.Directory, "--out", profilePath);
        Assert.True(buildCode == 0, buildError);

        var (code, output, error) = CliRunner.Run("simulate", "--file", topology, "--topology", "long", "--fidelity", "exact",
            "--models", _family.Directory, "--crop", "64", "--images", "4", "--out", Path.Combine(_work, "long-sim"), "--json");

        Assert.True(code == 0, error);
        using var summary = System.Text.Json.JsonDocument.Parse(output);
        var root = summary.RootElement;
        Assert.Equal(4, root.GetProperty("flows")[0].GetProperty("delivered").GetInt32());
        var hops = root.GetProperty("flows")[0].GetProperty("hops").EnumerateArray().ToList();
        Assert.Equal([6, 5, 5, 5], hops.Select(h => h.GetProperty("level").GetInt32()));
        var links = root.GetProperty("links").EnumerateArray().ToList();
        long carried = links[1].GetProperty("bytes").GetInt64();
        Assert.True(carried > 0);
        Assert.Equal(carried, links[2].GetProperty("bytes").GetInt64());
        Assert.Equal(carried, links[3].GetProperty("bytes").GetInt64());
        var nodes = root.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(0, nodes[2].GetProperty("jobs").GetInt64());
        Assert.Equal(0, nodes[3].GetProperty("jobs").GetInt64());
    }

    [Fact]
    public void Build_FamilyMismatch_ExitsTwo()
    {
        File.WriteAllText(Path.Combine(_work, "topologies.hocon"), Topology.Replace("id = ec-test", "id = other", StringComparison.Ordinal));

        var (code, _, error) = BuildProfile(Path.Combine(_work, "c.json"));

        Assert.Equal(2, code);
        Assert.Contains("'other'", error, StringComparison.Ordinal);
    }
}
