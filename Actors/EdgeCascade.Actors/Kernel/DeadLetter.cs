namespace EdgeCascade.Actors.Kernel;

/// <summary>A message that could not be delivered, typically because the recipient had stopped.</summary>
public sealed record DeadLetter(object Message, IActorRef? Sender, IActorRef Recipient);
