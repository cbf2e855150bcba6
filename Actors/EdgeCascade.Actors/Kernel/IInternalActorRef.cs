namespace EdgeCascade.Actors.Kernel;

/// <summary>A reference that knows its system, so helpers like Ask can reach its scheduler.</summary>
internal interface IInternalActorRef : IActorRef
{
    ActorSystem System { get; }
}
