namespace EdgeCascade.Runtime.Clustering;

/// <summary>One member as Akka.Cluster sees it from this node.</summary>
/// <param name="Address">akka.tcp://edgecascade@host:port.</param>
/// <param name="Roles">The member's roles (a node's role is its node name).</param>
/// <param name="Status">Akka's member status: Joining, Up, Leaving, Exiting, Down, Removed, ...</param>
/// <param name="Reachable">False while this node's failure detector (or any observer's) finds it unreachable.</param>
/// <param name="IsSelf">True for the member taking the view.</param>
public sealed record ClusterMember(string Address, IReadOnlyList<string> Roles, string Status, bool Reachable, bool IsSelf);
