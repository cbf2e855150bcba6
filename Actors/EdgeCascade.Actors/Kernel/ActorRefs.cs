namespace EdgeCascade.Actors.Kernel;

/// <summary>Well-known references.</summary>
public static class ActorRefs
{
    /// <summary>
    /// Use as the sender when there is none. Replies to it (through <c>Context.Sender</c>) go to
    /// dead letters.
    /// </summary>
    public static readonly IActorRef? NoSender;
}
