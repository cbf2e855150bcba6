namespace EdgeCascade.Actors.Kernel;

/// <summary>
/// Told back to the sender when <see cref="MailboxOverflowPolicy.Reject"/> refused its message:
/// <paramref name="Message"/> was not delivered to <paramref name="Recipient"/>.
/// </summary>
public sealed record MailboxFull(object Message, IActorRef Recipient);
