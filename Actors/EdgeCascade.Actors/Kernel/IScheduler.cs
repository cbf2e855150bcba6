namespace EdgeCascade.Actors.Kernel;

/// <summary>
/// Runs work at a given time on the clock it exposes. The actor system is built on one of the two
/// kernel implementations (<see cref="VirtualTimeScheduler"/>, <see cref="RealTimeScheduler"/>),
/// which also dispatch actor mailboxes.
/// </summary>
/// <remarks>
/// Events due at the same time run in ascending <c>priority</c> (smaller first), then in the order
/// they were scheduled. The virtual scheduler guarantees this order exactly; the real-time one
/// follows it on a best-effort basis. Priorities must lie within ±8,388,607 (they share a packed
/// sort key with a 40-bit sequence number, i.e. about 10^12 events per scheduler).
/// </remarks>
public interface IScheduler
{
    /// <summary>The clock this scheduler measures time with.</summary>
    IClock Clock { get; }

    /// <summary>Runs <paramref name="action"/> at <paramref name="timeNs"/> (clock nanoseconds).</summary>
    void ScheduleAt(long timeNs, Action action, int priority = 0);

    /// <summary>
    /// Runs <paramref name="action"/> with <paramref name="state"/> at <paramref name="timeNs"/>.
    /// With a static lambda this schedules without allocating a closure, which matters when a
    /// simulation schedules millions of events.
    /// </summary>
    void ScheduleAt(long timeNs, Action<object?> action, object? state, int priority = 0);

    /// <summary>Tells <paramref name="message"/> to <paramref name="recipient"/> at <paramref name="timeNs"/>.</summary>
    /// <remarks>
    /// <paramref name="priority"/> orders the tell among events due at the same time. In virtual
    /// time the delivery is then its own event at that time, queued behind deliveries already
    /// pending, so same-time messages are handled in the order they were told.
    /// </remarks>
    void ScheduleTellAt(long timeNs, IActorRef recipient, object message, IActorRef? sender = null, int priority = 0);
}
