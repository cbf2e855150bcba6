namespace EdgeCascade.Actors.Kernel;

/// <summary>
/// Enqueued to a watcher cell when a watched actor stops. Turned into <see cref="Terminated"/> only
/// if the watcher still watches when it reaches the message, so nothing arrives after Unwatch.
/// </summary>
internal sealed record DeathWatchNotification(IActorRef Actor);
