using Akka.Actor;

namespace EdgeCascade.Simulation.Engine;

/// <summary>
/// Parent of every simulation actor of a run: creates them (through <c>Context.ActorOf</c>) and supervises them.
/// </summary>
/// <remarks>
/// A simulation actor that throws has lost state a restart could not rebuild (budgets, queues, in-flight
/// transfers), so the strategy stops it and records the exception; the engine then ends the run with that error
/// instead of producing numbers from a half-dead topology.
/// </remarks>
internal sealed class SimulationRootActor : UntypedActor
{
    private readonly Action<IUntypedActorContext> _createChildren;
    private readonly SimulationFailures _failures;
    private readonly ManualResetEventSlim _started;

    public SimulationRootActor(Action<IUntypedActorContext> createChildren, SimulationFailures failures, ManualResetEventSlim started)
    {
        _createChildren = createChildren;
        _failures = failures;
        _started = started;
    }

    public static Props Props(Action<IUntypedActorContext> createChildren, SimulationFailures failures, ManualResetEventSlim started) =>
        Akka.Actor.Props.Create(() => new SimulationRootActor(createChildren, failures, started));

    protected override void PreStart()
    {
        _createChildren(Context);
        _started.Set();
    }

    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(error =>
        {
            _failures.Record(error);
            return Directive.Stop;
        });

    protected override void OnReceive(object message) => Unhandled(message);
}
