using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.Hosting;
using EdgeCascade.Codec.Cascade;
using EdgeCascade.Runtime.Clustering;
using EdgeCascade.Runtime.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeCascade.Runtime.Hosting;

/// <summary>Runs one node under Microsoft.Extensions.Hosting until SIGTERM/Ctrl+C (or <c>cancellationToken</c>).</summary>
public static class NodeHost
{
    /// <summary>
    /// Builds the host (console logging, graceful shutdown with room for the drain), runs the node, and rethrows what
    /// made the node fail, so the caller can turn it into an exit code.
    /// </summary>
    /// <param name="options">The node.</param>
    /// <param name="transport">Connected transport; disposed by the caller.</param>
    /// <param name="engine">Codec engine.</param>
    /// <param name="readyFile">Written once the node consumes; deleted on stop. Null for none.</param>
    /// <param name="cancellationToken">Stops the host like SIGTERM.</param>
    public static async Task<NodeStatistics> RunAsync(
        NodeHostOptions options,
        ITransport transport,
        CascadeEngine engine,
        string? readyFile = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(transport);
        HostApplicationBuilder builder = NewBuilder(options);
        builder.Services.AddSingleton(sp => new NodeHostService(
            options, transport, engine, sp.GetRequiredService<ILoggerFactory>().CreateLogger($"node.{options.NodeName}"), readyFile));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<NodeHostService>());
        using IHost host = builder.Build();
        return await RunHostAsync(host, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs one node as an Akka.Cluster member hosted with Akka.Hosting: the host starts the member's ActorSystem
    /// (config from <paramref name="settings"/>, generated from validated values), the node service joins the cluster
    /// (with the join timeout) and runs the node; on SIGTERM/Ctrl+C the node drains first, then Akka.Hosting runs
    /// CoordinatedShutdown, which leaves the cluster.
    /// </summary>
    /// <param name="options">The node.</param>
    /// <param name="settings">Validated cluster settings (role = the node name).</param>
    /// <param name="engine">Codec engine.</param>
    /// <param name="readyFile">Written once the node consumes; deleted on stop. Null for none.</param>
    /// <param name="joined">Told this member's address once it is Up.</param>
    /// <param name="cancellationToken">Stops the host like SIGTERM.</param>
    /// <exception cref="TransportException">The port cannot be bound, no seed node answered in time, or the node failed.</exception>
    /// <exception cref="OperationCanceledException">Stopped (SIGTERM) before the member was Up.</exception>
    public static async Task<NodeStatistics> RunClusterMemberAsync(
        NodeHostOptions options,
        ClusterSettings settings,
        CascadeEngine engine,
        string? readyFile = null,
        Action<Address>? joined = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        Akka.Configuration.Config config = settings.ToConfig();
        CheckCanListen(settings.Listen);
        HostApplicationBuilder builder = NewBuilder(options);
        builder.Services.AddAkka(ClusterSettings.SystemName, (akka, _) => akka.AddHocon(config, HoconAddMode.Prepend));
        builder.Services.AddSingleton(sp => new NodeHostService(
            options,
            async token =>
            {
                AkkaClusterTransport member = await AkkaClusterTransport.JoinAsync(sp.GetRequiredService<ActorSystem>(), settings, options.NodeName, token)
                    .ConfigureAwait(false);
                joined?.Invoke(member.SelfAddress);
                return member;
            },
            engine,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger($"node.{options.NodeName}"),
            readyFile));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<NodeHostService>());
        using IHost host = builder.Build();
        NodeHostService service = host.Services.GetRequiredService<NodeHostService>(); // RunAsync disposes the host
        NodeStatistics statistics = await RunHostAsync(host, cancellationToken).ConfigureAwait(false);
        if (service.Transport is null)
        {
            throw new OperationCanceledException("stopped before this member was Up in the cluster");
        }

        return statistics;
    }

    private static HostApplicationBuilder NewBuilder(NodeHostOptions options)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ApplicationName = "edgecascade-node",
            ContentRootPath = Directory.GetCurrentDirectory(),
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.Logging.SetMinimumLevel(LogLevel.Information);

        // A failure is reported once, as one line by the command; the host's own stack traces would repeat it.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.Logging.AddFilter("Akka.Hosting", LogLevel.None);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.DrainTimeout + TimeSpan.FromSeconds(10));
        return builder;
    }

    private static async Task<NodeStatistics> RunHostAsync(IHost host, CancellationToken cancellationToken)
    {
        NodeHostService service = host.Services.GetRequiredService<NodeHostService>();
        await host.RunAsync(cancellationToken).ConfigureAwait(false);
        if (service.Failure is { } failure)
        {
            throw failure is TransportException ? failure : new TransportException(failure.Message, failure);
        }

        return service.Runtime?.Statistics ?? new NodeStatistics(0, 0, 0, 0, 0, 0);
    }

    // Akka.Hosting reports a failed ActorSystem start (a port in use) with a stack trace on stdout; a bind test first
    // gives the one line instead. Port 0 (any free port) cannot be taken.
    private static void CheckCanListen(ClusterEndpoint listen)
    {
        if (listen.Port == 0 || !IPAddress.TryParse(listen.Host, out IPAddress? address))
        {
            return; // a host name is bound by Akka.Remote itself; its error then comes through the host
        }

        try
        {
            using var probe = new TcpListener(address, listen.Port);
            probe.Start();
            probe.Stop();
        }
        catch (SocketException error)
        {
            throw new TransportException($"cannot listen on {listen}: {error.Message}", error);
        }
    }
}
