namespace EdgeCascade.Runtime.Membership;

/// <summary>One row of <see cref="ClusterStatus"/>.</summary>
/// <param name="Node">Node name.</param>
/// <param name="Status">Up, down, or never heard from.</param>
/// <param name="Phi">Current suspicion level (0 when never heard from).</param>
/// <param name="SinceLastHeartbeat">Silence so far, null when never heard from.</param>
/// <param name="HeartbeatsReceived">Heartbeats received from this node (all incarnations).</param>
/// <param name="Incarnation">The node's current process incarnation, null when never heard from.</param>
/// <param name="IsSelf">True for the node taking the snapshot.</param>
public sealed record MemberInfo(
    string Node,
    MemberStatus Status,
    double Phi,
    TimeSpan? SinceLastHeartbeat,
    long HeartbeatsReceived,
    Guid? Incarnation,
    bool IsSelf);
