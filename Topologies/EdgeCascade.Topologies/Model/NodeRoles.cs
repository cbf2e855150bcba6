namespace EdgeCascade.Topologies.Model;

/// <summary>What a node does for the flows through it; a node may hold several roles.</summary>
[Flags]
public enum NodeRoles
{
    None = 0,
    Source = 1,
    Relay = 2,
    Sink = 4,
}
