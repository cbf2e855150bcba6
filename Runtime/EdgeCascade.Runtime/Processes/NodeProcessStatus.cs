namespace EdgeCascade.Runtime.Processes;

/// <summary>A node process after <see cref="LocalCluster.Up"/>.</summary>
/// <param name="Node">The node's name.</param>
/// <param name="Pid">Its process.</param>
/// <param name="Started">Started by this call (false: it was already running and was kept).</param>
/// <param name="ReadyAfterSeconds">Seconds from the start until its ready file appeared (0 when it was kept).</param>
public sealed record NodeProcessStatus(string Node, int Pid, bool Started, double ReadyAfterSeconds);
