namespace EdgeCascade.Actors.Kernel;

/// <summary>How a parent handles a failing child. See <see cref="OneForOneStrategy"/>.</summary>
public abstract class SupervisorStrategy
{
    private protected SupervisorStrategy()
    {
    }

    /// <summary>
    /// Restart on any exception, without limit, except stop an actor that failed to initialize
    /// (<see cref="ActorInitializationException"/>), as restarting it would most likely fail again.
    /// </summary>
    public static SupervisorStrategy Default { get; } = new OneForOneStrategy(
        cause => cause is ActorInitializationException ? Directive.Stop : Directive.Restart);

    /// <summary>Stop any failing child.</summary>
    public static SupervisorStrategy Stopping { get; } = new OneForOneStrategy(_ => Directive.Stop);

    /// <summary>
    /// The directive for <paramref name="child"/>'s failure, after retry limits: a Restart that would
    /// exceed them becomes Stop. <paramref name="nowNs"/> comes from the system's injected clock.
    /// </summary>
    internal abstract Directive HandleFailure(ChildRestartStats child, Exception cause, long nowNs);
}
