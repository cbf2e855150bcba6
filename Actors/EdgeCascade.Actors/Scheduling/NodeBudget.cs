namespace EdgeCascade.Actors.Scheduling;

/// <summary>The compute budget of one node on a flow's path.</summary>
/// <param name="Name">Node name.</param>
/// <param name="EffectiveFlopsPerSecond">Sustained FLOP/s a codec job sees (peak × efficiency).</param>
/// <param name="MemoryBytes">Device memory available to one job.</param>
public sealed record NodeBudget(string Name, double EffectiveFlopsPerSecond, long MemoryBytes);
