using EdgeCascade.Codec.Cascade;
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
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.DrainTimeout + TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton(sp => new NodeHostService(
            options, transport, engine, sp.GetRequiredService<ILoggerFactory>().CreateLogger($"node.{options.NodeName}"), readyFile));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<NodeHostService>());
        using IHost host = builder.Build();
        NodeHostService service = host.Services.GetRequiredService<NodeHostService>();
        await host.RunAsync(cancellationToken).ConfigureAwait(false);
        if (service.Failure is { } failure)
        {
            throw failure is TransportException ? failure : new TransportException(failure.Message, failure);
        }

        return service.Runtime?.Statistics ?? new NodeStatistics(0, 0, 0, 0, 0, 0);
    }
}
