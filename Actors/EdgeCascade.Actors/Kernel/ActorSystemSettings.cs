namespace EdgeCascade.Actors.Kernel;

/// <summary>Immutable settings of an <see cref="ActorSystem"/>; the scheduler decides virtual or real time.</summary>
public sealed record ActorSystemSettings
{
    /// <summary>
    /// The scheduler and clock everything runs on: a <see cref="VirtualTimeScheduler"/> (simulator,
    /// tests) or a <see cref="RealTimeScheduler"/> (runtime).
    /// </summary>
    public required IScheduler Scheduler { get; init; }

    /// <summary>Mailbox bound for Props that set none. Unbounded (<see cref="int.MaxValue"/>) by default.</summary>
    public int DefaultMailboxCapacity { get; init; } = int.MaxValue;

    /// <summary>Overflow policy for Props that set none.</summary>
    public MailboxOverflowPolicy DefaultOverflowPolicy { get; init; } = MailboxOverflowPolicy.DropNewest;

    /// <summary>
    /// User messages an actor handles per turn; null takes the scheduler's default (1 in virtual
    /// time, so each delivery is its own event; 32 in real time, to amortize thread-pool hops).
    /// </summary>
    public int? Throughput { get; init; }

    /// <summary>How the <c>/user</c> guardian supervises top-level actors.</summary>
    public SupervisorStrategy GuardianSupervisorStrategy { get; init; } = SupervisorStrategy.Default;

    /// <summary>Settings for a deterministic system on <paramref name="scheduler"/>.</summary>
    public static ActorSystemSettings ForVirtualTime(VirtualTimeScheduler scheduler) => new() { Scheduler = scheduler };

    /// <summary>Settings for a real-time system on <paramref name="scheduler"/>.</summary>
    public static ActorSystemSettings ForRealTime(RealTimeScheduler scheduler) => new() { Scheduler = scheduler };
}
