namespace EdgeCascade.Actors.Kernel;

/// <summary>
/// The half of a scheduler that gives actors processor time. Internal so that only the two kernel
/// schedulers, whose threading guarantees the actor cell relies on, can host actors.
/// </summary>
internal interface IActorDispatcher
{
    /// <summary>True when every event and every actor turn runs on one thread, one at a time.</summary>
    bool IsSingleThreaded { get; }

    /// <summary>User messages an actor processes per turn unless the settings say otherwise.</summary>
    int DefaultThroughput { get; }

    /// <summary>Gives <paramref name="cell"/> one turn as soon as the scheduler's order allows.</summary>
    void Dispatch(ActorCell cell);
}
