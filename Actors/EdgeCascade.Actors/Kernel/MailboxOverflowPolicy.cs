namespace EdgeCascade.Actors.Kernel;

/// <summary>What a bounded mailbox does with a message that arrives when it is full.</summary>
public enum MailboxOverflowPolicy
{
    /// <summary>Drop the new message to dead letters as a <see cref="MailboxOverflow"/> record.</summary>
    DropNewest,

    /// <summary>
    /// Drop the new message and tell the sender a <see cref="MailboxFull"/> so it can back off and
    /// retry (backpressure). Without a sender the message goes to dead letters as with
    /// <see cref="DropNewest"/>.
    /// </summary>
    Reject,
}
