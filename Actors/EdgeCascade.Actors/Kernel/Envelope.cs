namespace EdgeCascade.Actors.Kernel;

/// <summary>A message and its sender as held in a mailbox.</summary>
internal readonly record struct Envelope(object Message, IActorRef? Sender);
