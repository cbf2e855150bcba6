namespace EdgeCascade.Actors.Kernel;

/// <summary>What a <see cref="ScheduledEvent"/> does when it runs.</summary>
internal enum ScheduledEventKind : byte
{
    /// <summary>Give an actor cell one turn.</summary>
    ActorTurn,

    /// <summary>Invoke an <see cref="System.Action"/>.</summary>
    Action,

    /// <summary>Invoke an <see cref="System.Action{T}"/> with a state object.</summary>
    StateAction,

    /// <summary>Tell a message to an actor.</summary>
    Tell,
}
