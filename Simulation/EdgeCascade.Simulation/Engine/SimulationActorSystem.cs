using System.Globalization;
using Akka.Actor;
using Akka.Configuration;

namespace EdgeCascade.Simulation.Engine;

/// <summary>
/// One Akka <see cref="ActorSystem"/> for one simulation run: its scheduler is a <see cref="VirtualTimeScheduler"/>,
/// the simulation actors run on a <see cref="DeterministicDispatcher"/>, and system actors stay on Akka's default
/// dispatcher. <see cref="Start"/> creates the actors under a supervising root, <see cref="Step"/> drives the run
/// (drain every mailbox, then jump the clock to the next due item), <see cref="Dispose"/> terminates the system.
/// </summary>
/// <remarks>
/// Nothing here is static: two runs in one process, one after the other or side by side, each have their own
/// system, clock and loop. The configuration is text we generate, never user input.
/// </remarks>
public sealed class SimulationActorSystem : IDisposable
{
    /// <summary>The dispatcher id every simulation actor's props must name.</summary>
    public const string DispatcherId = "edgecascade.simulation-dispatcher";

    // How long Dispose pumps the loop while Akka stops the actors (1 ms waits); shutdown takes a few ms.
    private const int TerminationPumpLimit = 10_000;

    private static readonly string ConfigText = string.Create(
        CultureInfo.InvariantCulture,
        $$"""
        akka {
          loglevel = OFF
          stdout-loglevel = OFF
          log-dead-letters = off
          log-dead-letters-during-shutdown = off
          scheduler.implementation = "{{typeof(VirtualTimeScheduler).AssemblyQualifiedName}}"
          coordinated-shutdown.run-by-clr-shutdown-hook = off
        }
        {{DispatcherId}} {
          type = "{{typeof(DeterministicDispatcherConfigurator).AssemblyQualifiedName}}"
          throughput = 100
        }
        """);

    private readonly ActorSystem _system;
    private readonly SimulationFailures _failures = new();
    private bool _disposed;

    /// <summary>Creates the system (no actors yet). <paramref name="name"/> must be a valid Akka system name.</summary>
    public SimulationActorSystem(string name)
    {
        _system = ActorSystem.Create(name, ConfigurationFactory.ParseString(ConfigText));
        Scheduler = (VirtualTimeScheduler)_system.Scheduler;
        Dispatcher = (DeterministicDispatcher)_system.Dispatchers.Lookup(DispatcherId);
    }

    /// <summary>The run's virtual clock.</summary>
    public VirtualTimeScheduler Scheduler { get; }

    /// <summary>The run's single-loop dispatcher.</summary>
    public DeterministicDispatcher Dispatcher { get; }

    /// <summary>Virtual time in nanoseconds.</summary>
    public long NowNanoseconds => Scheduler.MonotonicClock.Ticks * TimeSpan.NanosecondsPerTick;

    /// <summary>Events so far: messages dispatched to simulation actors plus scheduler firings.</summary>
    public long Events => Dispatcher.MessagesDispatched + Scheduler.Firings;

    /// <summary>The first failure of a simulation actor (it is stopped, and the run should end), or null.</summary>
    public Exception? Failure => _failures.First;

    /// <summary>
    /// Creates the root actor, which creates the simulation actors with <paramref name="createChildren"/> (props must use
    /// <see cref="DispatcherId"/>), and returns once every one of them is constructed and started.
    /// </summary>
    public void Start(Action<IUntypedActorContext> createChildren)
    {
        ArgumentNullException.ThrowIfNull(createChildren);
        var started = new ManualResetEventSlim();
        _system.ActorOf(SimulationRootActor.Props(createChildren, _failures, started).WithDispatcher(DispatcherId), "simulation");

        // Creation is partly asynchronous (the user guardian runs on Akka's default dispatcher): pump until the root
        // has created its children, then drain so that every child has run its constructor and PreStart.
        int waits = 0;
        while (!started.IsSet)
        {
            if (Dispatcher.RunReady() == 0 && !started.Wait(1) && ++waits > TerminationPumpLimit)
            {
                throw new InvalidOperationException("the simulation actors were not created within 10 s");
            }
        }

        Dispatcher.RunReady();
        if (Failure is Exception failure)
        {
            throw new InvalidOperationException($"a simulation actor failed to start: {failure.Message}", failure);
        }
    }

    /// <summary>
    /// Runs every ready mailbox, then jumps the clock to the next due item (at or before <paramref name="limitTicks"/>)
    /// and fires it. Returns false when nothing is left to do or an actor failed.
    /// </summary>
    public bool Step(long limitTicks = long.MaxValue)
    {
        Dispatcher.RunReady();
        return Failure is null && Scheduler.AdvanceToNextDue(limitTicks);
    }

    /// <summary>Terminates the system, running the simulation actors' mailboxes while they stop.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Task terminated = _system.Terminate();
        for (int i = 0; i < TerminationPumpLimit && !terminated.IsCompleted; i++)
        {
            if (Dispatcher.RunReady() == 0)
            {
                terminated.Wait(1);
            }
        }

        Scheduler.Dispose();
    }
}
