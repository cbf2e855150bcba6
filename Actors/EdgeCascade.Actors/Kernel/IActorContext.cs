namespace EdgeCascade.Actors.Kernel;

/// <summary>
/// What an actor may see and do besides handling its message: its identity, the current sender,
/// its children, stopping and watching actors, timers and the clock. Only valid on the actor's own
/// turn; never capture it into another thread or a continuation.
/// </summary>
public interface IActorContext
{
    /// <summary>This actor.</summary>
    IActorRef Self { get; }

    /// <summary>Sender of the message being handled, or dead letters if it was told without one.</summary>
    IActorRef Sender { get; }

    /// <summary>The supervising parent.</summary>
    IActorRef Parent { get; }

    /// <summary>The system this actor belongs to.</summary>
    ActorSystem System { get; }

    /// <summary>Live children, in creation order (children asked to stop are no longer listed).</summary>
    IReadOnlyList<IActorRef> Children { get; }

    /// <summary>The injected clock (virtual time in the simulator).</summary>
    IClock Clock { get; }

    /// <summary>This actor's timers.</summary>
    ITimerScheduler Timers { get; }

    /// <summary>User messages waiting in this actor's mailbox, not counting the one being handled.</summary>
    int MailboxLength { get; }

    /// <summary>Creates a child supervised by this actor; <paramref name="name"/> must be unique among live children.</summary>
    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>Stops <paramref name="actor"/> (a child, or this actor) after the message it is handling.</summary>
    void Stop(IActorRef actor);

    /// <summary>Asks to be told <see cref="Terminated"/> when <paramref name="actor"/> stops (at once if it already has).</summary>
    IActorRef Watch(IActorRef actor);

    /// <summary>Stops watching; no <see cref="Terminated"/> for <paramref name="actor"/> arrives afterwards.</summary>
    IActorRef Unwatch(IActorRef actor);
}
