using System.Collections.Immutable;

namespace EdgeCascade.Runtime.Membership;

/// <summary>Heartbeat fan-out inside one process (tests and the embedded single-process cluster).</summary>
public sealed class InProcHeartbeatBus : IHeartbeatBus
{
    private ImmutableArray<Func<Heartbeat, Task>> _handlers = [];

    public async Task PublishAsync(Heartbeat heartbeat, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        foreach (Func<Heartbeat, Task> handler in _handlers)
        {
            await handler(heartbeat).ConfigureAwait(false);
        }
    }

    public Task<IAsyncDisposable> SubscribeAsync(Func<Heartbeat, Task> handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ImmutableInterlocked.Update(ref _handlers, static (list, h) => list.Add(h), handler);
        return Task.FromResult<IAsyncDisposable>(new Unsubscriber(this, handler));
    }

    public ValueTask DisposeAsync()
    {
        _handlers = [];
        return ValueTask.CompletedTask;
    }

    private sealed class Unsubscriber(InProcHeartbeatBus bus, Func<Heartbeat, Task> handler) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            ImmutableInterlocked.Update(ref bus._handlers, static (list, h) => list.Remove(h), handler);
            return ValueTask.CompletedTask;
        }
    }
}
