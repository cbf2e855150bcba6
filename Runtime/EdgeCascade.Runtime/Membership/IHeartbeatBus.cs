namespace EdgeCascade.Runtime.Membership;

/// <summary>Fan-out of heartbeats: every subscriber receives every heartbeat published (its own included).</summary>
public interface IHeartbeatBus : IAsyncDisposable
{
    /// <summary>Sends a heartbeat to all subscribers; fire-and-forget delivery (a lost heartbeat is just a late one).</summary>
    Task PublishAsync(Heartbeat heartbeat, CancellationToken cancellationToken = default);

    /// <summary>Receives every heartbeat from now on until the returned handle is disposed.</summary>
    Task<IAsyncDisposable> SubscribeAsync(Func<Heartbeat, Task> handler, CancellationToken cancellationToken = default);
}
