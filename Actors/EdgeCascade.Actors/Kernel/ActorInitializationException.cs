namespace EdgeCascade.Actors.Kernel;

/// <summary>
/// An actor could not be created: its factory, constructor, PreStart or PostRestart threw. The
/// default strategy stops such an actor, since restarting would most likely fail the same way.
/// </summary>
public sealed class ActorInitializationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ActorInitializationException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ActorInitializationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure that caused it.</summary>
    public ActorInitializationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
