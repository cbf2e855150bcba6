using System.CommandLine;
using EdgeCascade.Codec.Cascade;
using System.Runtime.InteropServices;
using EdgeCascade.Runtime.Clustering;
using EdgeCascade.Runtime.Hosting;
using EdgeCascade.Runtime.Transport;
using EdgeCascade.Topologies;
using EdgeCascade.Topologies.Model;

namespace EdgeCascade.Cli.Commands;

/// <summary>Options and input handling shared by <c>node</c>, <c>send</c> and <c>cluster</c>.</summary>
internal static class RuntimeInputs
{
    public const string InProc = "inproc";
    public const string Akka = "akka";

    public static Option<string> TopologyOption() => new("--topology", "-t") { Description = "Topology name", Required = true };

    public static Option<string> TransportOption(string defaultValue)
    {
        var option = new Option<string>("--transport")
        {
            Description = "akka (one Akka.Cluster member per node process) or inproc (every node in this process)",
            DefaultValueFactory = _ => defaultValue,
        };
        option.AcceptOnlyFromAmong(Akka, InProc);
        return option;
    }

    public static Option<string> HostnameOption() => new("--hostname")
    {
        Description = "Host name or IP this member listens on and is reached at (akka transport)",
        DefaultValueFactory = _ => "127.0.0.1",
    };

    public static Option<int?> PortOption() => new("--port")
    {
        Description = $"TCP port this member listens on (akka transport; default {ClusterSettings.DefaultPort} for a node, any free port for a client)",
    };

    public static Option<string?> SeedNodesOption() => new("--seed-nodes")
    {
        Description = $"Comma-separated host:port of cluster members to join through (default: a node founds its own cluster; clients use 127.0.0.1:{ClusterSettings.DefaultPort})",
    };

    public static Option<double> JoinTimeoutOption() => new("--join-timeout")
    {
        Description = "Seconds to wait to be Up in the cluster before giving up",
        DefaultValueFactory = _ => 20,
    };

    public static Option<string?> ClusterConfigOption() => new("--cluster-config")
    {
        Description = "HOCON file with an edgecascade.cluster { ... } block (hostname, port, seed-nodes, join-timeout, down-unreachable-after, lanes, max-payload); options given on the command line win",
    };

    /// <summary>
    /// Validated cluster settings from the command line over a <c>--cluster-config</c> file (read by our HOCON reader;
    /// its errors name file:line:col) over the defaults. A client (send, status) takes no port from the file: the
    /// file's port is the node's.
    /// </summary>
    public static ClusterSettings ClusterSettingsFor(
        string role, ParseResult parse, Option<string>? hostname, Option<int?>? port, Option<string?> seeds, Option<double> joinTimeout, Option<string?> configFile, bool client)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ClusterConfigValues file = parse.GetValue(configFile) is { } path ? ClusterConfigFile.Read(path) : new ClusterConfigValues();
        string host = hostname is not null && Given(parse, hostname) ? parse.GetValue(hostname)! : file.Hostname ?? "127.0.0.1";
        int? listenPort = port is not null && parse.GetValue(port) is { } given ? given : client ? null : file.Port;
        string? seedText = parse.GetValue(seeds);
        double timeout = Given(parse, joinTimeout) ? parse.GetValue(joinTimeout) : file.JoinTimeout?.TotalSeconds ?? parse.GetValue(joinTimeout);
        ClusterSettings settings = ClusterSettingsFor(role, host, listenPort, seedText, timeout, client, seedText is null ? file.SeedNodes : null);
        var defaults = new ClusterSettings { Listen = settings.Listen, SeedNodes = settings.SeedNodes, Role = role };
        return new ClusterSettings
        {
            Listen = settings.Listen,
            SeedNodes = settings.SeedNodes,
            Role = settings.Role,
            JoinTimeout = settings.JoinTimeout,
            DownAfter = file.DownAfter ?? defaults.DownAfter,
            Lanes = file.Lanes ?? defaults.Lanes,
            MaxPayloadBytes = file.MaxPayloadBytes ?? defaults.MaxPayloadBytes,
        };
    }

    private static bool Given(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };

    /// <summary>
    /// Validated cluster settings for a member. User text is parsed here (host, ports, seed list, role) and only the
    /// checked values reach the Akka config we generate.
    /// </summary>
    public static ClusterSettings ClusterSettingsFor(
        string role, string hostname, int? port, string? seedNodes, double joinTimeoutSeconds, bool client, IReadOnlyList<ClusterEndpoint>? seedList = null)
    {
        try
        {
            ClusterEndpoint listen = ClusterEndpoint.Create(hostname.Trim(), port ?? (client ? 0 : ClusterSettings.DefaultPort), allowAnyPort: true);
            IReadOnlyList<ClusterEndpoint> seeds = !string.IsNullOrWhiteSpace(seedNodes) ? ClusterEndpoint.ParseList(seedNodes)
                : seedList is { Count: > 0 } ? seedList
                : [client ? ClusterEndpoint.Create("127.0.0.1", ClusterSettings.DefaultPort) : listen];
            if (seeds.Count == 0)
            {
                throw new ArgumentException("--seed-nodes lists no host:port");
            }

            if (!(joinTimeoutSeconds > 0) || joinTimeoutSeconds > 3600)
            {
                throw new ArgumentException($"--join-timeout must be between 0 and 3600 seconds, got {joinTimeoutSeconds}");
            }

            var settings = new ClusterSettings
            {
                Listen = listen,
                SeedNodes = seeds,
                Role = role,
                JoinTimeout = TimeSpan.FromSeconds(joinTimeoutSeconds),
            };
            settings.Validate();
            return settings;
        }
        catch (ArgumentException error)
        {
            throw new UserInputException(error.Message, error);
        }
    }

    /// <summary>
    /// Joins the cluster; SIGTERM or Ctrl+C during the join cancels it (a node with no seed never hangs: the join
    /// has a timeout, and a stop request ends it at once).
    /// </summary>
    public static AkkaClusterTransport JoinCluster(ClusterSettings settings, string node)
    {
        using var stop = new CancellationTokenSource();
        using PosixSignalRegistration term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        using PosixSignalRegistration interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        try
        {
            return AkkaClusterTransport.StartAsync(settings, node, stop.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException error)
        {
            throw new UserInputException("stopped while joining the cluster", error);
        }
    }

    public static Option<string?> ModelsOption() => new("--models") { Description = $"Model family folder (default: models/{ModelLocator.DefaultFamily})" };

    public static Option<string> PolicyOption() => new("--policy", "-p")
    {
        Description = "HCF policy of every flow: uniform, edge, late, or bits such as 0101 (π_s first); the same on every node and at the sender",
        DefaultValueFactory = _ => RoutePlanner.DefaultPolicy,
    };

    public static TopologySpec LoadTopology(string? file, string name)
    {
        TopologySpec topology = TopologyLoader.LoadFile(TopologyLoader.ResolvePath(file)).Get(name);
        if (topology.Flows.Count == 0)
        {
            throw new UserInputException($"topology '{name}' has no flows; nothing to run");
        }

        return topology;
    }

    /// <summary>Checks the policy fits every flow now, so a typo is one line instead of a failure inside a node.</summary>
    public static string CheckPolicy(TopologySpec topology, string? policy)
    {
        try
        {
            _ = RoutePlanner.Routes(topology, policy);
            return policy ?? RoutePlanner.DefaultPolicy;
        }
        catch (ArgumentException error)
        {
            throw new UserInputException(error.Message, error);
        }
    }

    public static CascadeEngine LoadEngine(string? models) => new(ModelLocator.Load(models));

    /// <summary>Commands that talk to other processes need the cluster transport.</summary>
    public static void RequireCluster(string transport, string command)
    {
        if (transport == InProc)
        {
            throw new UserInputException(
                $"'{command}' with --transport inproc cannot reach other processes; run the whole topology in one process with " +
                "'edgecascade cluster run --topology NAME --images DIR'");
        }
    }
}
