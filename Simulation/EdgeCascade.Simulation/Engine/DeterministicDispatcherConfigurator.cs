using Akka.Configuration;
using Akka.Dispatch;

namespace EdgeCascade.Simulation.Engine;

/// <summary>
/// Named in a dispatcher config block (<c>type = "EdgeCascade.Simulation.Engine.DeterministicDispatcherConfigurator,
/// EdgeCascade.Simulation"</c>); Akka creates one per ActorSystem and asks it for the dispatcher of every actor
/// deployed on that id, so every simulation actor of one run shares the same <see cref="DeterministicDispatcher"/>.
/// </summary>
public sealed class DeterministicDispatcherConfigurator : MessageDispatcherConfigurator
{
    private readonly DeterministicDispatcher _dispatcher;

    /// <summary>Called by Akka with the dispatcher's config block.</summary>
    public DeterministicDispatcherConfigurator(Config config, IDispatcherPrerequisites prerequisites)
        : base(config, prerequisites)
    {
        ArgumentNullException.ThrowIfNull(config);
        _dispatcher = new DeterministicDispatcher(this, config.GetString("id"), config.GetInt("throughput", 100));
    }

    /// <inheritdoc/>
    public override MessageDispatcher Dispatcher() => _dispatcher;
}
