using System.CommandLine;
using EdgeCascade.Codec.Cascade;
using EdgeCascade.Runtime.Hosting;
using EdgeCascade.Runtime.Transport;
using EdgeCascade.Topologies;
using EdgeCascade.Topologies.Model;

namespace EdgeCascade.Cli.Commands;

/// <summary>Options and input handling shared by <c>node</c>, <c>send</c> and <c>cluster</c>.</summary>
internal static class RuntimeInputs
{
    public const string RabbitMq = "rabbitmq";
    public const string InProc = "inproc";

    public static Option<string> TopologyOption() => new("--topology", "-t") { Description = "Topology name", Required = true };

    public static Option<string> TransportOption(string defaultValue)
    {
        var option = new Option<string>("--transport")
        {
            Description = "rabbitmq (one process per node, through a broker) or inproc (every node in this process)",
            DefaultValueFactory = _ => defaultValue,
        };
        option.AcceptOnlyFromAmong(RabbitMq, InProc);
        return option;
    }

    public static Option<string?> BrokerOption() => new("--broker")
    {
        Description = $"amqp://user:password@host:port/vhost (default: ${RabbitMqTransportOptions.BrokerUriVariable}, else amqp://127.0.0.1:5672/)",
    };

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

    public static Uri? ParseBroker(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("amqp" or "amqps"))
        {
            throw new UserInputException($"--broker must be an amqp:// or amqps:// URI, got '{text}'");
        }

        return uri;
    }

    /// <summary>Connects to the broker (bounded retry with backoff); a broker that stays down is a one-line TransportException.</summary>
    public static RabbitMqTransport Connect(TopologySpec topology, Uri? broker, string clientName, int attempts = 5) =>
        RabbitMqTransport.ConnectAsync(new RabbitMqTransportOptions
        {
            BrokerUri = broker,
            Topology = topology.Name,
            ClientName = clientName,
            ConnectAttempts = attempts,
        }).GetAwaiter().GetResult();

    public static void RequireRabbitMq(string transport, string command)
    {
        if (transport == InProc)
        {
            throw new UserInputException(
                $"'{command}' with --transport inproc cannot reach other processes; run the whole topology in one process with " +
                "'edgecascade cluster run --topology NAME --images DIR'");
        }
    }
}
