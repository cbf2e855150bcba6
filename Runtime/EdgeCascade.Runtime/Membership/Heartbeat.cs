namespace EdgeCascade.Runtime.Membership;

/// <summary>"I am alive", sent by every node at a fixed interval on the topology's heartbeat fanout.</summary>
/// <param name="Node">The sender's node name.</param>
/// <param name="Incarnation">New for every process start, so a restarted node is told apart from its previous life.</param>
/// <param name="Sequence">Counts up from 1 within one incarnation.</param>
/// <param name="SentAt">The sender's wall clock when sending (informational; detection uses the receiver's clock).</param>
public sealed record Heartbeat(string Node, Guid Incarnation, long Sequence, DateTimeOffset SentAt);
