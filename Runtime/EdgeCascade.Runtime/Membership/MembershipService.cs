using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeCascade.Runtime.Membership;

/// <summary>
/// Runs membership for one node: sends a heartbeat every interval, feeds received heartbeats to a
/// <see cref="MembershipTracker"/>, raises <see cref="MemberStatusChanged"/> and logs one line per transition.
/// Usable as a hosted service.
/// </summary>
public sealed class MembershipService : IHostedService, IAsyncDisposable
{
    private readonly MembershipOptions _options;
    private readonly IHeartbeatBus _bus;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly MembershipTracker _tracker;
    private readonly Lock _gate = new();
    private readonly long _origin;
    private IAsyncDisposable? _subscription;
    private ITimer? _timer;
    private long _sequence;
    private int _ticking;

    public MembershipService(MembershipOptions options, IHeartbeatBus bus, TimeProvider? timeProvider = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentException.ThrowIfNullOrEmpty(options.NodeName);
        _options = options;
        _bus = bus;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _tracker = new MembershipTracker(options.NodeName, options.ExpectedNodes, options.FailureDetector);
        _origin = _timeProvider.GetTimestamp();
    }

    /// <summary>Raised (on a timer or transport thread) for every up/down transition.</summary>
    public event EventHandler<MemberStatusChanged>? MemberStatusChanged;

    /// <summary>New on every start of this process; lets peers detect a restart.</summary>
    public Guid Incarnation { get; } = Guid.NewGuid();

    public string NodeName => _options.NodeName;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = await _bus.SubscribeAsync(OnHeartbeatAsync, cancellationToken).ConfigureAwait(false);
        await TickAsync().ConfigureAwait(false);
        _timer = _timeProvider.CreateTimer(_ => _ = TickAsync(), null, _options.HeartbeatInterval, _options.HeartbeatInterval);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync().ConfigureAwait(false);
            _timer = null;
        }

        if (_subscription is not null)
        {
            await _subscription.DisposeAsync().ConfigureAwait(false);
            _subscription = null;
        }
    }

    /// <summary>The cluster as this node sees it now.</summary>
    public ClusterStatus GetStatus()
    {
        lock (_gate)
        {
            return _tracker.Snapshot(Now, _timeProvider.GetUtcNow(), Incarnation);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    private TimeSpan Now => _timeProvider.GetElapsedTime(_origin);

    private Task OnHeartbeatAsync(Heartbeat heartbeat)
    {
        MemberStatusChanged? change;
        lock (_gate)
        {
            change = _tracker.RecordHeartbeat(heartbeat, Now);
        }

        if (change is not null)
        {
            Raise(change);
        }

        return Task.CompletedTask;
    }

    private async Task TickAsync()
    {
        // A slow broker must not pile up overlapping ticks.
        if (Interlocked.Exchange(ref _ticking, 1) == 1)
        {
            return;
        }

        try
        {
            IReadOnlyList<MemberStatusChanged> changes;
            lock (_gate)
            {
                changes = _tracker.Evaluate(Now);
            }

            foreach (MemberStatusChanged change in changes)
            {
                Raise(change);
            }

            var heartbeat = new Heartbeat(_options.NodeName, Incarnation, Interlocked.Increment(ref _sequence), _timeProvider.GetUtcNow());
            try
            {
                await _bus.PublishAsync(heartbeat).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A failed heartbeat is logged and retried next tick; peers see it as a late one.
            catch (Exception error)
#pragma warning restore CA1031
            {
                MembershipLog.HeartbeatFailed(_logger, _options.NodeName, error.Message);
            }
        }
        finally
        {
            Volatile.Write(ref _ticking, 0);
        }
    }

    private void Raise(MemberStatusChanged change)
    {
        if (change.Current == MemberStatus.Down)
        {
            MembershipLog.NodeDown(_logger, change.Describe());
        }
        else
        {
            MembershipLog.NodeUp(_logger, change.Describe());
        }

        MemberStatusChanged?.Invoke(this, change);
    }
}
