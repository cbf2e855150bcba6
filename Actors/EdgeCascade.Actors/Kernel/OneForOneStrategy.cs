namespace EdgeCascade.Actors.Kernel;

/// <summary>
/// Applies the decider's directive to the failing child only. Restarts are limited to
/// <see cref="MaxNrOfRetries"/> within <see cref="WithinTimeRange"/>, measured on the system's
/// injected clock (virtual time in the simulator); past the limit the child is stopped.
/// </summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    private readonly Func<Exception, Directive> _decider;
    private readonly long _windowNs;

    /// <summary>A strategy with unlimited restarts.</summary>
    public OneForOneStrategy(Func<Exception, Directive> decider)
        : this(-1, Timeout.InfiniteTimeSpan, decider)
    {
    }

    /// <summary>
    /// A strategy allowing <paramref name="maxNrOfRetries"/> restarts (negative: unlimited; zero:
    /// none) within <paramref name="withinTimeRange"/> (<see cref="Timeout.InfiniteTimeSpan"/> or
    /// zero: over the child's whole life).
    /// </summary>
    public OneForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider)
    {
        ArgumentNullException.ThrowIfNull(decider);
        if (withinTimeRange < TimeSpan.Zero && withinTimeRange != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(withinTimeRange), withinTimeRange, "Use a positive range, zero or Timeout.InfiniteTimeSpan.");
        }

        MaxNrOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
        _windowNs = withinTimeRange > TimeSpan.Zero ? withinTimeRange.ToNanoseconds() : 0;
        _decider = decider;
    }

    /// <summary>Restarts allowed within the window; negative means unlimited.</summary>
    public int MaxNrOfRetries { get; }

    /// <summary>The window restarts are counted in.</summary>
    public TimeSpan WithinTimeRange { get; }

    /// <summary>The decider's directive for <paramref name="cause"/>, before retry limits.</summary>
    public Directive Decide(Exception cause) => _decider(cause);

    internal override Directive HandleFailure(ChildRestartStats child, Exception cause, long nowNs)
    {
        Directive directive = Decide(cause);
        if (directive == Directive.Restart && !child.RequestRestartPermission(MaxNrOfRetries, _windowNs, nowNs))
        {
            return Directive.Stop;
        }

        return directive;
    }
}
