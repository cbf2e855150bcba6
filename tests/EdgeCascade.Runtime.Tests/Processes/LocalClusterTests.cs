using EdgeCascade.Runtime.Processes;

namespace EdgeCascade.Runtime.Tests.Processes;

/// <summary>
/// <see cref="LocalCluster"/> with stand-in node processes: a shell whose command line reads like an
/// <c>edgecascade node</c> (so the PID checks accept it) and that writes its ready file, or dies, or ignores SIGTERM,
/// as each test asks.
/// </summary>
public sealed class LocalClusterTests : IDisposable
{
    // $0 is "edgecascade", then "node" and its arguments; the behaviour comes from the --behave argument.
    private const string Script = """
        ready=""; behave="ok"
        while [ $# -gt 0 ]; do
          case "$1" in --ready-file) ready="$2"; shift ;; --behave) behave="$2"; shift ;; esac
          shift
        done
        case "$behave" in
          die) echo "stand-in failing on purpose"; exit 3 ;;
          stubborn) trap '' TERM ;;
          *) trap 'rm -f "$ready"; exit 0' TERM ;;
        esac
        echo ready > "$ready"
        while true; do sleep 0.1; done
        """;

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"ec-local-cluster-{Guid.NewGuid():N}");
    private readonly LocalCluster _cluster;

    public LocalClusterTests() => _cluster = new LocalCluster(_root, "demo", new NodeLauncher("/bin/sh", ["-c", Script, "edgecascade"]));

    public void Dispose()
    {
        if (ClusterState.Read(_root, "demo") is not null)
        {
            _cluster.Down(TimeSpan.FromSeconds(1));
        }

        Directory.Delete(_root, recursive: true);
    }

    [LinuxFact]
    public void Up_StartsEveryNode_WritesPidsAndWaitsForReadyFiles()
    {
        IReadOnlyList<NodeProcessStatus> up = _cluster.Up([Node("a"), Node("b")], TimeSpan.FromSeconds(20));

        Assert.Equal(["a", "b"], up.Select(p => p.Node));
        Assert.All(up, p => Assert.True(p.Started));
        Assert.All(up, p => Assert.True(File.Exists(ClusterState.ReadyFile(_root, "demo", p.Node))));
        Assert.Equal(up.Select(p => (p.Node, p.Pid)), ClusterState.Read(_root, "demo")!.Processes);
        Assert.Equal(2, _cluster.Alive().Count);
    }

    [LinuxFact]
    public void UpAgain_RestartsOnlyTheDeadNode()
    {
        IReadOnlyList<NodeProcessStatus> first = _cluster.Up([Node("a"), Node("b")], TimeSpan.FromSeconds(20));
        Assert.True(_cluster.Kill("b"));
        Assert.False(_cluster.Alive().ContainsKey("b"));

        IReadOnlyList<NodeProcessStatus> second = _cluster.Up([Node("a"), Node("b")], TimeSpan.FromSeconds(20));

        Assert.Equal(first[0].Pid, second[0].Pid);
        Assert.False(second[0].Started);
        Assert.True(second[1].Started);
        Assert.NotEqual(first[1].Pid, second[1].Pid);
    }

    [LinuxFact]
    public void Up_ANodeDiesDuringStart_StopsTheOthersAndNamesItWithItsLog()
    {
        var error = Assert.Throws<NodeProcessException>(() => _cluster.Up([Node("a"), Node("b", "die")], TimeSpan.FromSeconds(20)));

        Assert.StartsWith("node 'b' (pid ", error.Message, StringComparison.Ordinal);
        Assert.Contains("exited during start: stand-in failing on purpose", error.Message, StringComparison.Ordinal);
        Assert.Null(ClusterState.Read(_root, "demo"));
        Assert.Empty(_cluster.Alive());
    }

    [LinuxFact]
    public void Down_SigtermsEveryNode_KillsOneThatIgnoresIt_AndRemovesTheState()
    {
        IReadOnlyList<NodeProcessStatus> up = _cluster.Up([Node("a"), Node("b", "stubborn")], TimeSpan.FromSeconds(20));

        var down = _cluster.Down(TimeSpan.FromSeconds(1));

        Assert.Equal([("a", up[0].Pid, true), ("b", up[1].Pid, false)], down);
        Assert.Null(ClusterState.Read(_root, "demo"));
        Assert.All(up, p => Assert.False(NodeProcesses.IsAlive(p.Pid)));
        Assert.All(up, p => Assert.False(File.Exists(ClusterState.ReadyFile(_root, "demo", p.Node))));
    }

    [Fact]
    public void Down_NothingStarted_SaysWhereItLooked()
    {
        var error = Assert.Throws<NodeProcessException>(() => _cluster.Down(TimeSpan.FromSeconds(1)));

        Assert.Equal($"no cluster state for 'demo' ({ClusterState.PidFile(_root, "demo")}); nothing to stop", error.Message);
        Directory.CreateDirectory(_root); // for Dispose
    }

    private static NodeLaunch Node(string name, string behave = "ok") => new(name, ["node", "--name", name, "--behave", behave]);
}
