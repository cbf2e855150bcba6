namespace EdgeCascade.Runtime.Membership;

/// <summary>How a node takes part in membership.</summary>
public sealed class MembershipOptions
{
    /// <summary>This node's name (required).</summary>
    public required string NodeName { get; init; }

    /// <summary>Other nodes the topology expects; they show as Unknown until first heard from.</summary>
    public IReadOnlyList<string> ExpectedNodes { get; init; } = [];

    /// <summary>How often this node sends a heartbeat and checks its peers. Default 1 s.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    public FailureDetectorOptions FailureDetector { get; init; } = new();
}
