using Akka.Actor;

namespace EdgeCascade.Runtime.Clustering;

/// <summary>
/// Sent by a sending node to the receiving node's inbox (repeatedly, it is idempotent): "lane <paramref name="Lane"/>
/// of the link from <paramref name="From"/> is served by this ProducerController; register a ConsumerController
/// with it". A new incarnation of either side re-opens its lanes, which makes the ProducerController resend what
/// was not confirmed.
/// </summary>
/// <param name="From">The sending node (or sender client) name.</param>
/// <param name="To">The node the lane delivers to.</param>
/// <param name="Lane">The lane's index within the link.</param>
/// <param name="ProducerController">The lane's Akka.Delivery ProducerController.</param>
public sealed record OpenLane(string From, string To, int Lane, IActorRef ProducerController);
