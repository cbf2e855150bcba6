using EdgeCascade.Runtime.Clustering;
using EdgeCascade.Topologies.Hocon;

namespace EdgeCascade.Runtime.Tests.Clustering;

public sealed class ClusterConfigFileTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"ec-cluster-config-{Guid.NewGuid():N}");

    public ClusterConfigFileTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Read_EveryKey_GivesCheckedValues()
    {
        string file = Write("""
            edgecascade.cluster {
              hostname = "camera.example"
              port = 4100
              seed-nodes = ["cloud.example:4053", "10.0.0.7:4054"]
              join-timeout = 45s
              down-unreachable-after = 9s
              lanes = 16
              max-payload = 4 MiB
            }
            """);

        ClusterConfigValues values = ClusterConfigFile.Read(file);

        Assert.Equal("camera.example", values.Hostname);
        Assert.Equal(4100, values.Port);
        Assert.Equal(["cloud.example:4053", "10.0.0.7:4054"], values.SeedNodes!.Select(s => s.ToString()));
        Assert.Equal(TimeSpan.FromSeconds(45), values.JoinTimeout);
        Assert.Equal(TimeSpan.FromSeconds(9), values.DownAfter);
        Assert.Equal(16, values.Lanes);
        Assert.Equal(4 * 1024 * 1024, values.MaxPayloadBytes);
    }

    [Fact]
    public void Read_OnlySomeKeys_LeavesTheRestUnset()
    {
        ClusterConfigValues values = ClusterConfigFile.Read(Write("edgecascade.cluster { port = 4060 }"));

        Assert.Equal(4060, values.Port);
        Assert.Null(values.Hostname);
        Assert.Null(values.SeedNodes);
        Assert.Null(values.JoinTimeout);
        Assert.Null(values.Lanes);
    }

    [Theory]
    [InlineData("edgecascade.cluster {\n  prot = 4053\n}", ":2:10", "unknown cluster setting 'prot'")]
    [InlineData("edgecascade.cluster {\n  seed-nodes = [\"cloud.example\"]\n}", ":2:17", "seed node 'cloud.example' is not host:port")]
    [InlineData("edgecascade.cluster {\n  port = 70000\n}", ":2:10", "port 70000 is out of range")]
    [InlineData("edgecascade.cluster {\n  join-timeout = 0s\n}", ":2:18", "outside")]
    [InlineData("edgecascade.cluster {\n  seed-nodes = [\"a:1\"\n}", ":3:1", "expected a value")]
    [InlineData("cluster { port = 4053 }", ":1:1", "no 'edgecascade.cluster' block")]
    public void Read_Mistake_OneLineNamingFileLineAndColumn(string text, string position, string reason)
    {
        string file = Write(text);

        var error = Assert.Throws<HoconException>(() => ClusterConfigFile.Read(file));

        Assert.StartsWith(file + position, error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    private string Write(string text)
    {
        string file = Path.Combine(_folder, $"{Guid.NewGuid():N}.conf");
        File.WriteAllText(file, text);
        return file;
    }
}
