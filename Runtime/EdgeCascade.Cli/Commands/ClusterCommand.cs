using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using EdgeCascade.Runtime.Clustering;
using EdgeCascade.Runtime.Processes;
using EdgeCascade.Topologies;
using EdgeCascade.Topologies.Model;

namespace EdgeCascade.Cli.Commands;

/// <summary>
/// <c>edgecascade cluster up | status | down | run</c>: one <c>edgecascade node</c> process per node of a topology on
/// this machine, each an Akka.Cluster member on 127.0.0.1 (up/status/down), or the whole topology in this one process
/// (run, in-process transport).
/// </summary>
public static class ClusterCommand
{
    public static Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var cluster = new Command("cluster", "Start, inspect and stop a local cluster of node processes, or run a topology in one process");
        cluster.Add(BuildUp(context));
        cluster.Add(BuildStatus(context));
        cluster.Add(BuildDown(context));
        cluster.Add(ClusterRunCommand.Build(context));
        cluster.Add(ClusterChaosCommand.Build(context));
        return cluster;
    }

    private static Command BuildUp(CliContext context)
    {
        var topology = RuntimeInputs.TopologyOption();
        var file = TopologyCommand.FileOption();
        var basePort = new Option<int>("--base-port")
        {
            Description = "Node i of the topology listens on 127.0.0.1 at base-port + i; every node is a seed node",
            DefaultValueFactory = _ => ClusterSettings.DefaultPort,
        };
        var models = RuntimeInputs.ModelsOption();
        var policy = RuntimeInputs.PolicyOption();
        var reference = new Option<string?>("--reference") { Description = "Folder of the original images, for PSNR at the sinks" };
        var timeout = new Option<double>("--timeout") { Description = "Seconds to wait for every node to be up", DefaultValueFactory = _ => 60 };
        var stateDir = StateOption();
        var bypass = new Option<bool>("--bypass-codec") { Description = "Start the nodes with --bypass-codec (payloads passed on unchanged)" };
        var command = new Command("up", "Start one 'edgecascade node' process per node of the topology (restarting only dead ones when already up) and wait until all consume")
        {
            topology, file, basePort, models, policy, reference, timeout, stateDir, bypass,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            string root = parse.GetValue(stateDir)!;
            string topologyFile = Path.GetFullPath(TopologyLoader.ResolvePath(parse.GetValue(file)));
            TopologySpec spec = RuntimeInputs.LoadTopology(topologyFile, parse.GetValue(topology)!);
            string chosen = RuntimeInputs.CheckPolicy(spec, parse.GetValue(policy));
            string modelDir = Path.GetFullPath(ModelLocator.Resolve(parse.GetValue(models)));
            _ = ModelLocator.Load(modelDir);
            var cluster = new LocalCluster(root, spec.Name, SelfLauncher.Create());
            IReadOnlyDictionary<string, int> alive = cluster.Alive();
            if (spec.Nodes.All(n => alive.ContainsKey(n.Name)))
            {
                throw new UserInputException(
                    $"cluster '{spec.Name}' is already up (pids {string.Join(", ", alive.Values)}); run 'edgecascade cluster down --topology {spec.Name}' first");
            }

            int firstPort = parse.GetValue(basePort);
            if (firstPort < 1 || firstPort + spec.Nodes.Count - 1 > 65535)
            {
                throw new UserInputException($"--base-port {firstPort} leaves no room for {spec.Nodes.Count} ports below 65536");
            }

            string seedNodes = SeedNodes(firstPort, spec.Nodes.Count);
            var launches = new List<NodeLaunch>();
            foreach ((NodeSpec node, int index) in spec.Nodes.Select((n, i) => (n, i)))
            {
                var args = new List<string>
                {
                    "node", "--topology", spec.Name, "--name", node.Name, "--file", topologyFile, "--models", modelDir, "--policy", chosen,
                    "--out", Path.GetFullPath(ClusterState.OutputDirectory(root, spec.Name, node.Name)),
                    "--hostname", "127.0.0.1", "--port", (firstPort + index).ToString(CultureInfo.InvariantCulture), "--seed-nodes", seedNodes,
                };
                if (parse.GetValue(reference) is { } referenceDir)
                {
                    args.AddRange(["--reference", Path.GetFullPath(referenceDir)]);
                }

                if (parse.GetValue(bypass))
                {
                    args.Add("--bypass-codec");
                }

                launches.Add(new NodeLaunch(node.Name, args));
            }

            IReadOnlyList<NodeProcessStatus> processes = cluster.Up(launches, TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(timeout))));

            TextWriter output = context.Output;
            output.WriteLine($"{"node",-16} {"pid",8} {"up_after_s",10}  log");
            foreach (NodeProcessStatus process in processes)
            {
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture, $"{process.Node,-16} {process.Pid,8} {process.ReadyAfterSeconds,10:0.00}  {ClusterState.LogFile(root, spec.Name, process.Node)}"));
            }

            output.WriteLine($"cluster '{spec.Name}' up: {processes.Count} node process(es); seed nodes {seedNodes}; pids in {ClusterState.PidFile(root, spec.Name)}");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command BuildStatus(CliContext context)
    {
        var topology = new Option<string?>("--topology", "-t") { Description = "Topology name (default: the only one started with cluster up)" };
        var file = TopologyCommand.FileOption();
        var seeds = RuntimeInputs.SeedNodesOption();
        var joinTimeout = RuntimeInputs.JoinTimeoutOption();
        var clusterConfig = RuntimeInputs.ClusterConfigOption();
        var json = new Option<bool>("--json") { Description = "Print exactly one JSON object" };
        var stateDir = StateOption();
        var command = new Command("status", "Node processes and Akka.Cluster's membership: members, roles, reachability")
        {
            topology, file, seeds, joinTimeout, clusterConfig, json, stateDir,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            string root = parse.GetValue(stateDir)!;
            string name = parse.GetValue(topology) ?? ClusterState.Known(root) switch
            {
                [string only] => only,
                // Names the state folder actually searched: the message said runs/cluster even under --state-dir.
                [] => throw new UserInputException(
                    $"no cluster state in {root} ({Path.Combine(root, "*.pids")}); start one with 'edgecascade cluster up', or pass --state-dir where it was started"),
                var several => throw new UserInputException($"several clusters started here ({string.Join(", ", several)}); pass --topology NAME"),
            };
            TopologySpec spec = RuntimeInputs.LoadTopology(parse.GetValue(file), name);
            ClusterState? state = ClusterState.Read(root, spec.Name);
            // A short-lived member (role "status") joins, reads the gossiped membership, and leaves again.
            ClusterSettings settings = RuntimeInputs.ClusterSettingsFor("status", parse, null, null, seeds, joinTimeout, clusterConfig, client: true);
            IReadOnlyList<ClusterMember> members;
            AkkaClusterTransport member = RuntimeInputs.JoinCluster(settings, string.Create(CultureInfo.InvariantCulture, $"status-{Environment.ProcessId}"));
            try
            {
                members = member.Members();
            }
            finally
            {
                member.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            var rows = new JsonArray();
            foreach (NodeSpec node in spec.Nodes)
            {
                int? pid = state?.Processes.FirstOrDefault(p => p.Node == node.Name).Pid is int p && p > 0 ? p : null;
                ClusterMember? seen = members.FirstOrDefault(m => m.Roles.Contains(node.Name));
                rows.Add(new JsonObject
                {
                    ["node"] = node.Name,
                    ["pid"] = pid,
                    ["process_alive"] = pid is int alive && ClusterState.IsNodeProcess(alive),
                    ["member_status"] = seen?.Status.ToLowerInvariant() ?? "absent",
                    ["reachable"] = seen?.Reachable ?? false,
                    ["address"] = seen?.Address,
                    ["roles"] = new JsonArray([.. (seen?.Roles ?? []).Select(r => (JsonNode?)JsonValue.Create(r))]),
                });
            }

            int up = rows.Count(r => r!["member_status"]!.GetValue<string>() == "up" && r["reachable"]!.GetValue<bool>());
            var others = members.Where(m => !m.IsSelf && !spec.Nodes.Any(n => m.Roles.Contains(n.Name))).Select(m => m.Address).ToList();
            if (parse.GetValue(json))
            {
                context.Output.WriteLine(new JsonObject
                {
                    ["topology"] = spec.Name,
                    ["up_count"] = up,
                    ["node_count"] = rows.Count,
                    ["nodes"] = rows,
                    ["other_members"] = new JsonArray([.. others.Select(a => (JsonNode?)JsonValue.Create(a))]),
                }.ToJsonString());
                return ExitCodes.Success;
            }

            context.Output.WriteLine($"{"node",-16} {"pid",8} {"process",8} {"member",9} {"reachable",9}  address");
            foreach (JsonNode? row in rows)
            {
                context.Output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{row!["node"],-16} {row["pid"]?.ToString() ?? "-",8} {(row["process_alive"]!.GetValue<bool>() ? "alive" : "gone"),8} {row["member_status"],9} {(row["reachable"]!.GetValue<bool>() ? "yes" : "NO"),9}  {row["address"]?.ToString() ?? "-"}"));
            }

            context.Output.WriteLine($"cluster '{spec.Name}': {up}/{rows.Count} up and reachable" + (others.Count > 0 ? $"; other members: {string.Join(", ", others)}" : ""));
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command BuildDown(CliContext context)
    {
        var topology = RuntimeInputs.TopologyOption();
        var timeout = new Option<double>("--timeout") { Description = "Seconds to wait after SIGTERM before SIGKILL", DefaultValueFactory = _ => 20 };
        var stateDir = StateOption();
        var command = new Command("down", "Stop the node processes started by 'cluster up' (SIGTERM, then SIGKILL after --timeout)")
        {
            topology, timeout, stateDir,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            string root = parse.GetValue(stateDir)!;
            string name = parse.GetValue(topology)!;
            if (ClusterState.Read(root, name) is null)
            {
                throw new UserInputException($"no cluster state for '{name}' ({ClusterState.PidFile(root, name)}); nothing to stop");
            }

            TimeSpan limit = TimeSpan.FromSeconds(Math.Max(0, parse.GetValue(timeout)));
            foreach ((string node, int pid, bool graceful) in new LocalCluster(root, name, SelfLauncher.Create()).Down(limit))
            {
                context.Output.WriteLine($"{node,-16} {pid,8} {(graceful ? "stopped (SIGTERM)" : "killed (SIGKILL)")}");
            }

            context.Output.WriteLine($"cluster '{name}' down");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Option<string> StateOption() => new("--state-dir")
    {
        Description = "Where pid file, logs, ready files and sink output live",
        DefaultValueFactory = _ => ClusterState.DefaultRoot,
    };

    /// <summary>127.0.0.1 at each node's port: every node is a seed, so any surviving node lets a restarted one back in.</summary>
    private static string SeedNodes(int basePort, int count) =>
        string.Join(",", Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{basePort + i}")));
}
