namespace EdgeCascade.Runtime.Clustering;

/// <summary>
/// From a receiving node to the sending link: the frame <paramref name="MessageId"/> was refused for good by
/// <paramref name="Node"/> (its confirmation follows; the publish fails with the reason instead of completing).
/// </summary>
public sealed record LaneRejected(Guid MessageId, string Node, string Reason);
