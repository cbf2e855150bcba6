using System.CommandLine;
using EdgeCascade.Codec.Cascade;
using EdgeCascade.Runtime.Clustering;
using EdgeCascade.Runtime.Hosting;
using EdgeCascade.Topologies.Model;

namespace EdgeCascade.Cli.Commands;

/// <summary>
/// <c>edgecascade node --topology NAME --name NODE [--file FILE] [--hostname H] [--port P] [--seed-nodes host:port,...]
/// [--join-timeout S] [--models DIR] [--out DIR] [--policy P] [--reference DIR]
/// [--ready-file PATH]</c>: one node of a topology as a long-running process (with akka: one Akka.Cluster member,
/// role = the node name), until SIGTERM or Ctrl+C (graceful: in-flight work is forwarded or returned, never lost;
/// then the member leaves the cluster).
/// </summary>
public static class NodeCommand
{
    public static Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var topology = RuntimeInputs.TopologyOption();
        var name = new Option<string>("--name") { Description = "This node's name in the topology", Required = true };
        var file = TopologyCommand.FileOption();
        var transport = RuntimeInputs.TransportOption(RuntimeInputs.Akka);
        var hostname = RuntimeInputs.HostnameOption();
        var port = RuntimeInputs.PortOption();
        var seeds = RuntimeInputs.SeedNodesOption();
        var joinTimeout = RuntimeInputs.JoinTimeoutOption();
        var clusterConfig = RuntimeInputs.ClusterConfigOption();
        var models = RuntimeInputs.ModelsOption();
        var output = new Option<string?>("--out", "-o") { Description = "Sink output folder (default: runs/nodes/<topology>/<node>)" };
        var policy = RuntimeInputs.PolicyOption();
        var reference = new Option<string?>("--reference") { Description = "Folder of the original images, for PSNR at a sink (the folder given to send)" };
        var ready = new Option<string?>("--ready-file") { Description = "Written once the node consumes its queue, deleted when it stops" };
        var drain = new Option<double>("--drain-seconds") { Description = "Graceful-stop budget for in-flight work", DefaultValueFactory = _ => 10 };
        var emulate = new Option<bool>("--emulate-gpu") { Description = "Also hold each stage for the topology GPU's modelled time" };
        var bypass = new Option<bool>("--bypass-codec")
        {
            Description = "Pass payloads on unchanged instead of running the codec stages (transport and link-shaping runs; sinks write CSV rows only)",
        };
        var command = new Command("node", "Run one node of a topology (codec stages + transport + membership) until SIGTERM")
        {
            topology, name, file, transport, hostname, port, seeds, joinTimeout, clusterConfig, models, output, policy, reference, ready, drain, emulate, bypass,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            RuntimeInputs.RequireCluster(parse.GetValue(transport)!, "node");

            TopologySpec spec = RuntimeInputs.LoadTopology(parse.GetValue(file), parse.GetValue(topology)!);
            string node = parse.GetValue(name)!;
            if (spec.Nodes.All(n => n.Name != node))
            {
                throw new UserInputException($"topology '{spec.Name}' has no node '{node}'; nodes: {string.Join(", ", spec.Nodes.Select(n => n.Name))}");
            }

            string chosen = RuntimeInputs.CheckPolicy(spec, parse.GetValue(policy));
            string? referenceDir = parse.GetValue(reference);
            if (referenceDir is not null && !Directory.Exists(referenceDir))
            {
                throw new UserInputException($"--reference folder '{referenceDir}' does not exist");
            }

            CascadeEngine engine = RuntimeInputs.LoadEngine(parse.GetValue(models));
            var options = new NodeHostOptions
            {
                Topology = spec,
                NodeName = node,
                Policy = chosen,
                OutputDirectory = parse.GetValue(output),
                ReferenceImages = referenceDir,
                DrainTimeout = TimeSpan.FromSeconds(Math.Max(0, parse.GetValue(drain))),
                EmulateGpuTime = parse.GetValue(emulate),
                BypassCodec = parse.GetValue(bypass),
                DurableSourceQueue = true, // a source keeps what it accepted across a SIGKILL (README: delivery guarantees)
            };
            ClusterSettings settings = RuntimeInputs.ClusterSettingsFor(node, parse, hostname, port, seeds, joinTimeout, clusterConfig, client: false);
            NodeStatistics clustered;
            try
            {
                // Akka.Hosting hosts the member's ActorSystem; the node drains first on SIGTERM, then CoordinatedShutdown
                // leaves the cluster: nothing confirmed upstream was left unforwarded.
                clustered = NodeHost.RunClusterMemberAsync(
                    options,
                    settings,
                    engine,
                    parse.GetValue(ready),
                    joined: address => context.Error.WriteLine($"node {node}: Up in the cluster as {address} (role {node})"))
                    .GetAwaiter().GetResult();
            }
            catch (OperationCanceledException error)
            {
                throw new UserInputException("stopped while joining the cluster", error);
            }

            context.Error.WriteLine(
                $"node {node}: received {clustered.Received}, forwarded {clustered.Forwarded}, delivered {clustered.Delivered}, duplicates {clustered.Duplicates}, returned {clustered.Returned}");
            return ExitCodes.Success;
        }));
        return command;
    }
}
