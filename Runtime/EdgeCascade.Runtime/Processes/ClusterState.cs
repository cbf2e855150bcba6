using System.Diagnostics;
using System.Globalization;

namespace EdgeCascade.Runtime.Processes;

/// <summary>
/// What <c>cluster up</c> leaves for <c>status</c> and <c>down</c>: runs/cluster/&lt;topology&gt;.pids (one
/// "node pid" line per node) and per node a log, a ready file and a sink folder under runs/cluster/&lt;topology&gt;/.
/// </summary>
public sealed record ClusterState(string Root, string Topology, IReadOnlyList<(string Node, int Pid)> Processes)
{
    public const string DefaultRoot = "runs/cluster";

    public static string PidFile(string root, string topology) => Path.Combine(root, topology + ".pids");

    public static string NodeDirectory(string root, string topology) => Path.Combine(root, topology);

    public static string LogFile(string root, string topology, string node) => Path.Combine(NodeDirectory(root, topology), node + ".log");

    public static string ReadyFile(string root, string topology, string node) => Path.Combine(NodeDirectory(root, topology), node + ".ready");

    public static string OutputDirectory(string root, string topology, string node) => Path.Combine(NodeDirectory(root, topology), "out", node);

    public static ClusterState? Read(string root, string topology)
    {
        string path = PidFile(root, topology);
        if (!File.Exists(path))
        {
            return null;
        }

        var processes = new List<(string, int)>();
        foreach (string line in File.ReadAllLines(path))
        {
            string[] parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int pid))
            {
                processes.Add((parts[0], pid));
            }
        }

        return new ClusterState(root, topology, processes);
    }

    /// <summary>The topologies with a pid file.</summary>
    public static IReadOnlyList<string> Known(string root) =>
        Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*.pids").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal).ToList()
            : [];

    public void Write()
    {
        Directory.CreateDirectory(Root);
        File.WriteAllLines(PidFile(Root, Topology), Processes.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Node} {p.Pid}")));
    }

    public void Delete() => File.Delete(PidFile(Root, Topology));

    /// <summary>True when <paramref name="pid"/> is alive and is an <c>edgecascade node</c> process (not a recycled PID).</summary>
    public static bool IsNodeProcess(int pid)
    {
        try
        {
            using Process process = Process.GetProcessById(pid);
            if (process.HasExited)
            {
                return false;
            }

            string cmdline = Path.Combine("/proc", pid.ToString(CultureInfo.InvariantCulture), "cmdline");
            if (!File.Exists(cmdline))
            {
                return true; // not Linux: trust the PID
            }

            string[] args = File.ReadAllText(cmdline).Split('\0');
            return args.Any(a => a.Contains("edgecascade", StringComparison.Ordinal)) && args.Contains("node");
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
