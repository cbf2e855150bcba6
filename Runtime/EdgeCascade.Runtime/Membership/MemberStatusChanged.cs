namespace EdgeCascade.Runtime.Membership;

/// <summary>A node went up (first heartbeat, came back, or restarted) or down (failure detector fired).</summary>
/// <param name="Node">The node whose status changed.</param>
/// <param name="Previous">Status before.</param>
/// <param name="Current">Status now.</param>
/// <param name="Phi">Suspicion level when the change was decided.</param>
/// <param name="SinceLastHeartbeat">Silence at that moment (zero for an up event).</param>
/// <param name="Restarted">True when the node came up with a new incarnation (its process was restarted).</param>
public sealed record MemberStatusChanged(
    string Node,
    MemberStatus Previous,
    MemberStatus Current,
    double Phi,
    TimeSpan SinceLastHeartbeat,
    bool Restarted)
{
    /// <summary>The log line: "node relay is UP", "node relay is DOWN (phi 9.3, no heartbeat for 4.2 s)".</summary>
    public string Describe() => Current switch
    {
        MemberStatus.Down => $"node {Node} is DOWN (phi {Phi:0.0}, no heartbeat for {SinceLastHeartbeat.TotalSeconds:0.0} s)",
        MemberStatus.Up when Restarted => $"node {Node} is UP (restarted)",
        MemberStatus.Up when Previous == MemberStatus.Down => $"node {Node} is UP again",
        _ => $"node {Node} is {Current.ToString().ToUpperInvariant()}",
    };
}
