using Akka.Actor;
using EdgeCascade.Actors.Messages;
using EdgeCascade.Actors.Nodes;

namespace EdgeCascade.Actors.Tests.Nodes;

/// <summary>An outgoing link that tells every transfer to a test actor.</summary>
internal sealed class ProbePort(string from, string to, IActorRef target) : ILinkPort
{
    public string From { get; } = from;

    public string To { get; } = to;

    public void Send(HopTransfer transfer) => target.Tell(transfer);
}
