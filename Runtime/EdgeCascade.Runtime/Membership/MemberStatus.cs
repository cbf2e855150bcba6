namespace EdgeCascade.Runtime.Membership;

/// <summary>What this node believes about another.</summary>
public enum MemberStatus
{
    /// <summary>Expected (listed in the topology) but never heard from.</summary>
    Unknown,

    /// <summary>Heartbeats arriving; phi below the threshold.</summary>
    Up,

    /// <summary>Silent for longer than the failure detector tolerates.</summary>
    Down,
}
