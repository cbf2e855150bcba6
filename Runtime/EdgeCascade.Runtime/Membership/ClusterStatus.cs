namespace EdgeCascade.Runtime.Membership;

/// <summary>A point-in-time view of the cluster from one node, for <c>edgecascade cluster status</c>.</summary>
/// <param name="Self">The node that took the snapshot.</param>
/// <param name="TakenAt">Wall-clock time of the snapshot.</param>
/// <param name="Members">Every known or expected node, self included, ordered by name.</param>
public sealed record ClusterStatus(string Self, DateTimeOffset TakenAt, IReadOnlyList<MemberInfo> Members)
{
    public int UpCount => Members.Count(m => m.Status == MemberStatus.Up);

    public int DownCount => Members.Count(m => m.Status == MemberStatus.Down);

    /// <summary>True when every member is up.</summary>
    public bool AllUp => Members.All(m => m.Status == MemberStatus.Up);

    /// <summary>The member called <paramref name="node"/>, or null.</summary>
    public MemberInfo? Find(string node) => Members.FirstOrDefault(m => m.Node == node);
}
