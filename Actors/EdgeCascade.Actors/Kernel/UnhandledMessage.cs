namespace EdgeCascade.Actors.Kernel;

/// <summary>Dead-letter record of a message the recipient's current behaviour did not handle.</summary>
public sealed record UnhandledMessage(object Message, IActorRef? Sender, IActorRef Recipient);
