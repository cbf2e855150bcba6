namespace EdgeCascade.Runtime.Hosting;

/// <summary>One node's counters at the end of a run.</summary>
/// <param name="Name">Node name.</param>
/// <param name="Statistics">Its counters.</param>
public sealed record NodeRunEntry(string Name, NodeStatistics Statistics);
