using System.Diagnostics;

namespace EdgeCascade.Runtime.Processes;

/// <summary>
/// The node processes of one topology on this machine (what <c>cluster up</c>, <c>down</c>, <c>status</c> and
/// <c>chaos</c> manage): starts them, records their PIDs in the pid file, waits for each one's ready file, restarts
/// only the dead ones when started again, and stops them by PID (SIGTERM, then SIGKILL).
/// </summary>
/// <remarks>
/// State lives under <see cref="Root"/> (<see cref="ClusterState"/>): <c>&lt;topology&gt;.pids</c>, and per node a log,
/// a ready file (written by the node once it consumes, deleted when it stops) and its output folder. A PID from the
/// pid file counts only while it is alive and still an <c>edgecascade node</c> process (not a recycled PID).
/// </remarks>
public sealed class LocalCluster
{
    private readonly NodeLauncher _launcher;

    public LocalCluster(string root, string topology, NodeLauncher launcher)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentException.ThrowIfNullOrEmpty(topology);
        ArgumentNullException.ThrowIfNull(launcher);
        Root = root;
        Topology = topology;
        _launcher = launcher;
    }

    /// <summary>The state folder.</summary>
    public string Root { get; }

    /// <summary>The topology whose nodes these are.</summary>
    public string Topology { get; }

    /// <summary>The nodes of the pid file whose process is alive, with their PIDs.</summary>
    public IReadOnlyDictionary<string, int> Alive() =>
        (ClusterState.Read(Root, Topology)?.Processes ?? [])
            .Where(p => ClusterState.IsNodeProcess(p.Pid))
            .ToDictionary(p => p.Node, p => p.Pid, StringComparer.Ordinal);

    /// <summary>
    /// Starts every node of <paramref name="nodes"/> that is not running (all of them the first time), writes the pid
    /// file, and waits until every node's ready file exists.
    /// </summary>
    /// <returns>Per node: PID, whether it was started now, and seconds until it was ready (0 for one already running).</returns>
    /// <exception cref="NodeProcessException">
    /// A node exited during start, or not all were ready within <paramref name="timeout"/>: every node is then stopped
    /// and the pid file removed (one line naming the node and the end of its log).
    /// </exception>
    public IReadOnlyList<NodeProcessStatus> Up(IReadOnlyList<NodeLaunch> nodes, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        IReadOnlyDictionary<string, int> alive = Alive();
        var processes = new List<(string Node, int Pid)>();
        var state = new ClusterState(Root, Topology, processes);
        Directory.CreateDirectory(ClusterState.NodeDirectory(Root, Topology));
        var started = new HashSet<string>(StringComparer.Ordinal);
        foreach (NodeLaunch node in nodes)
        {
            if (alive.TryGetValue(node.Node, out int running))
            {
                processes.Add((node.Node, running)); // still up: kept (only dead nodes are restarted)
                continue;
            }

            string ready = ClusterState.ReadyFile(Root, Topology, node.Node);
            File.Delete(ready);
            List<string> arguments = [.. node.Arguments, "--ready-file", Path.GetFullPath(ready)];
            processes.Add((node.Node, NodeProcesses.Start(_launcher, arguments, ClusterState.LogFile(Root, Topology, node.Node))));
            started.Add(node.Node);
            state.Write(); // at once: a start that fails later still leaves the PIDs to stop
        }

        state.Write();
        var watch = Stopwatch.StartNew();
        var readyAfter = new Dictionary<string, double>(StringComparer.Ordinal);
        while (readyAfter.Count < processes.Count)
        {
            foreach ((string node, int pid) in processes)
            {
                if (readyAfter.ContainsKey(node))
                {
                    continue;
                }

                if (File.Exists(ClusterState.ReadyFile(Root, Topology, node)))
                {
                    readyAfter[node] = started.Contains(node) ? watch.Elapsed.TotalSeconds : 0;
                }
                else if (!NodeProcesses.IsAlive(pid))
                {
                    StopAll(processes, state);
                    throw new NodeProcessException(
                        $"node '{node}' (pid {pid}) exited during start: {NodeProcesses.Tail(ClusterState.LogFile(Root, Topology, node))}");
                }
            }

            if (readyAfter.Count < processes.Count)
            {
                if (watch.Elapsed > timeout)
                {
                    StopAll(processes, state);
                    string missing = string.Join(", ", processes.Where(p => !readyAfter.ContainsKey(p.Node)).Select(p => p.Node));
                    throw new NodeProcessException(
                        $"node(s) {missing} not up within {timeout.TotalSeconds:0} s; see {ClusterState.NodeDirectory(Root, Topology)}/*.log");
                }

                Thread.Sleep(50);
            }
        }

        return [.. processes.Select(p => new NodeProcessStatus(p.Node, p.Pid, started.Contains(p.Node), readyAfter[p.Node]))];
    }

    /// <summary>
    /// Stops every node of the pid file at once (SIGTERM; SIGKILL after <paramref name="timeout"/>), removes the ready
    /// files and the pid file.
    /// </summary>
    /// <returns>Per node: PID and whether it stopped on SIGTERM (false: killed).</returns>
    /// <exception cref="NodeProcessException">There is no pid file for the topology.</exception>
    public IReadOnlyList<(string Node, int Pid, bool Graceful)> Down(TimeSpan timeout)
    {
        ClusterState state = ClusterState.Read(Root, Topology)
            ?? throw new NodeProcessException($"no cluster state for '{Topology}' ({ClusterState.PidFile(Root, Topology)}); nothing to stop");
        var stops = state.Processes.Select(p => (p.Node, p.Pid, Stop: Task.Run(() => NodeProcesses.Stop(p.Pid, timeout)))).ToList();
        var results = new List<(string, int, bool)>();
        foreach ((string node, int pid, Task<bool> stop) in stops)
        {
            results.Add((node, pid, stop.GetAwaiter().GetResult()));
            File.Delete(ClusterState.ReadyFile(Root, Topology, node));
        }

        state.Delete();
        return results;
    }

    /// <summary>SIGKILLs one node (no drain, no leave), as a crash would; false when it was not running.</summary>
    public bool Kill(string node)
    {
        if (!Alive().TryGetValue(node, out int pid))
        {
            return false;
        }

        try
        {
            using Process process = Process.GetProcessById(pid);
            process.Kill();
            process.WaitForExit(10_000);
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException)
        {
            // Exited on its own meanwhile.
        }

        return true;
    }

    private static void StopAll(List<(string Node, int Pid)> processes, ClusterState state)
    {
        Task.WaitAll([.. processes.Select(p => Task.Run(() => NodeProcesses.Stop(p.Pid, TimeSpan.FromSeconds(5))))]);
        state.Delete();
    }
}
