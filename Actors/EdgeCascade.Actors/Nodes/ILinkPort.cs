using EdgeCascade.Actors.Messages;

namespace EdgeCascade.Actors.Nodes;

/// <summary>
/// A node's end of one outgoing link. The node hands every finished hop bitstream to the port of the
/// next node on the path and forgets it: the link is responsible for serialization, sharing,
/// propagation, loss and retransmission, and for delivering the <see cref="HopTransfer"/> to the
/// receiving node actor.
/// </summary>
/// <remarks>
/// The simulator's port tells a link actor that models bandwidth and latency in virtual time; the
/// runtime's port publishes through the transport (Akka.Cluster or in-process) with shaping.
/// </remarks>
public interface ILinkPort
{
    /// <summary>Sending node.</summary>
    string From { get; }

    /// <summary>Receiving node.</summary>
    string To { get; }

    /// <summary>Sends <paramref name="transfer"/>; returns at once. Called on the sending node's turn.</summary>
    void Send(HopTransfer transfer);
}
