using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;
using EdgeCascade.Simulation.Engine;
using Xunit.Sdk;

namespace EdgeCascade.Simulation.Tests.Support;

/// <summary>
/// Akka.TestKit.Xunit2 with the simulator's <see cref="VirtualTimeScheduler"/> as the system scheduler: actors under
/// test run on the calling thread (<see cref="OnTestThread"/>), so a tell has taken effect when it returns, and
/// virtual time moves only through <see cref="ExpectMsgInVirtualTime{T}"/>, <see cref="RunUntilIdle"/> and
/// <see cref="AdvanceBy"/>.
/// </summary>
/// <remarks>
/// The TestKit's own <c>TestScheduler</c> does not fit these actors: its <c>MonotonicClock</c> is the real clock,
/// and node and link actors read time from it. The calling-thread dispatcher is fine here because unit tests chain
/// a handful of hops, never the thousands that overflow its stack (the simulator uses its own loop).
/// </remarks>
public abstract class VirtualTimeTestKit : Akka.TestKit.Xunit2.TestKit
{
    private static readonly Config s_config = ConfigurationFactory.ParseString($$"""
        akka {
          loglevel = WARNING
          scheduler.implementation = "{{typeof(VirtualTimeScheduler).AssemblyQualifiedName}}"
        }
        """);

    protected VirtualTimeTestKit()
        : base(s_config)
    {
    }

    /// <summary>The virtual clock.</summary>
    protected VirtualTimeScheduler Clock => (VirtualTimeScheduler)Sys.Scheduler;

    /// <summary>Virtual time, ns.</summary>
    protected new long Now => Clock.NowNanoseconds;

    /// <summary>
    /// Creates an actor that runs on the test's thread (a tell has taken effect when it returns) and waits until it is
    /// started: creation under the user guardian is partly asynchronous, and a message told before the actor runs
    /// would be processed later, on another thread.
    /// </summary>
    protected IActorRef ActorOnTestThread(Props props)
    {
        ArgumentNullException.ThrowIfNull(props);
        IActorRef actor = Sys.ActorOf(props.WithDispatcher(CallingThreadDispatcher.Id));
        TestProbe probe = CreateTestProbe();
        actor.Tell(new Identify(null), probe.Ref);
        probe.ExpectMsg<ActorIdentity>(TimeSpan.FromSeconds(10));
        return actor;
    }

    /// <summary>
    /// Fires due items one instant at a time until <paramref name="probe"/> (the test actor by default) holds a
    /// message, and returns it; <see cref="Now"/> is then the instant it arrived.
    /// </summary>
    protected T ExpectMsgInVirtualTime<T>(TestProbe? probe = null)
    {
        // A few real-time waits cover Akka's asynchronous work (restarts by the user guardian).
        for (int idle = 0; idle < 300;)
        {
            if (probe?.HasMessages ?? HasMessages)
            {
                return probe is null ? ExpectMsg<T>(TimeSpan.Zero) : probe.ExpectMsg<T>(TimeSpan.Zero);
            }

            if (!Clock.AdvanceToNextDue())
            {
                Thread.Sleep(10);
                idle++;
            }
        }

        throw new XunitException($"no {typeof(T).Name} arrived and nothing is due at {Now} ns");
    }

    /// <summary>Fires everything due until nothing is left (no periodic timers may be active).</summary>
    protected void RunUntilIdle()
    {
        while (Clock.AdvanceToNextDue())
        {
        }
    }

    /// <summary>Lets <paramref name="span"/> of virtual time pass, firing what falls due.</summary>
    protected void AdvanceBy(TimeSpan span) => Clock.AdvanceTo(Clock.MonotonicClock.Ticks + span.Ticks);
}
