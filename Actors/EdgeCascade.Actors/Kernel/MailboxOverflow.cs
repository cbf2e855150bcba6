namespace EdgeCascade.Actors.Kernel;

/// <summary>Dead-letter record of a message dropped because the recipient's mailbox was full.</summary>
public sealed record MailboxOverflow(object Message, IActorRef? Sender, IActorRef Recipient, int Capacity);
