namespace EdgeCascade.Actors.Kernel;

/// <summary>
/// Handle to an actor. The only way to reach an actor: messages are told, never called, so the
/// actor can live on a virtual-time event loop, a thread pool, or behind a transport.
/// </summary>
public interface IActorRef
{
    /// <summary>The actor's name, unique among its siblings.</summary>
    string Name { get; }

    /// <summary>Slash-separated path from the system root, e.g. <c>/user/node-1/uplink</c>.</summary>
    string Path { get; }

    /// <summary>
    /// Enqueues <paramref name="message"/> and returns at once (fire and forget). Messages from one
    /// sender to one recipient arrive in the order they were told.
    /// </summary>
    void Tell(object message, IActorRef? sender = null);
}
