namespace EdgeCascade.Actors.Kernel;

/// <summary>Told to every watcher (see <see cref="IActorContext.Watch"/>) when <paramref name="ActorRef"/> has stopped.</summary>
public sealed record Terminated(IActorRef ActorRef);
