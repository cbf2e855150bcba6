using System.Globalization;
using EdgeCascade.Codec.Cascade;
using EdgeCascade.Runtime.Transport;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeCascade.Runtime.Hosting;

/// <summary>
/// The hosted service of one <c>edgecascade node</c> process: starts the <see cref="NodeRuntime"/> (actor and
/// consumer), writes the ready file once consuming, and on host shutdown (SIGTERM, Ctrl+C) stops it gracefully.
/// </summary>
public sealed class NodeHostService : BackgroundService
{
    private readonly NodeHostOptions _options;
    private readonly Func<CancellationToken, Task<ITransport>> _connect;
    private readonly CascadeEngine _engine;
    private readonly ILogger _logger;
    private readonly string? _readyFile;
    private NodeRuntime? _runtime;

    public NodeHostService(NodeHostOptions options, ITransport transport, CascadeEngine engine, ILogger logger, string? readyFile)
        : this(options, _ => Task.FromResult(transport ?? throw new ArgumentNullException(nameof(transport))), engine, logger, readyFile)
    {
    }

    /// <summary>A service that first connects (a cluster member joins the cluster in the host's ActorSystem).</summary>
    public NodeHostService(NodeHostOptions options, Func<CancellationToken, Task<ITransport>> connect, CascadeEngine engine, ILogger logger, string? readyFile)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(connect);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _connect = connect;
        _engine = engine;
        _logger = logger;
        _readyFile = readyFile;
    }

    /// <summary>Why the service ended on its own (null when it ran until stopped).</summary>
    public Exception? Failure { get; private set; }

    /// <summary>The running node, once started.</summary>
    public NodeRuntime? Runtime => _runtime;

    /// <summary>The transport, once connected.</summary>
    public ITransport? Transport { get; private set; }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_runtime is not null)
        {
            await _runtime.StopAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_readyFile is not null)
        {
            File.Delete(_readyFile);
        }

        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            Transport = await _connect(stoppingToken).ConfigureAwait(false);
            _runtime = await NodeRuntime.StartAsync(_options, Transport, _engine, _logger, cancellationToken: stoppingToken)
                .ConfigureAwait(false);
            if (_readyFile is not null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_readyFile))!);
                await File.WriteAllTextAsync(
                    _readyFile,
                    string.Create(CultureInfo.InvariantCulture, $"pid={Environment.ProcessId} node={_options.NodeName} transport={Transport.Kind}\n"),
                    stoppingToken).ConfigureAwait(false);
            }

            await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Normal shutdown; StopAsync drains.
        }
        catch (Exception error) when (error is TransportException or IOException or ArgumentException)
        {
            Failure = error;
            throw;
        }
    }
}
