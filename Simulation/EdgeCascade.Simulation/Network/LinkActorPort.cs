using Akka.Actor;
using EdgeCascade.Actors.Messages;
using EdgeCascade.Actors.Nodes;

namespace EdgeCascade.Simulation.Network;

/// <summary>
/// The simulator's <see cref="ILinkPort"/>: tells every transfer to the link's <see cref="LinkActor"/>.
/// Created before the link actor (the node needs its ports, the link needs the receiving node), then
/// bound once.
/// </summary>
public sealed class LinkActorPort(string from, string to) : ILinkPort
{
    private IActorRef? _link;

    /// <inheritdoc/>
    public string From { get; } = from;

    /// <inheritdoc/>
    public string To { get; } = to;

    /// <summary>Connects the port to its link actor.</summary>
    public void Bind(IActorRef link)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (_link is not null)
        {
            throw new InvalidOperationException($"port {From}->{To} is already bound");
        }

        _link = link;
    }

    /// <inheritdoc/>
    public void Send(HopTransfer transfer)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        (_link ?? throw new InvalidOperationException($"port {From}->{To} is not bound to a link")).Tell(transfer);
    }
}
