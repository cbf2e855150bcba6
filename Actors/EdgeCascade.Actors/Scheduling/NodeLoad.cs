namespace EdgeCascade.Actors.Scheduling;

/// <summary>Predicted load of one node under a policy.</summary>
/// <param name="Index">Position on the path, 0 for the source.</param>
/// <param name="Node">Node name.</param>
/// <param name="Flops">FLOPs of all the node's operators for one image.</param>
/// <param name="ComputeSeconds">Flops / effective FLOP/s.</param>
/// <param name="BudgetSeconds">Compute time allowed per image (seconds per image).</param>
/// <param name="PeakMemoryBytes">Largest peak memory among the node's operators (they run one after another).</param>
/// <param name="MemoryBytes">Device memory available.</param>
public sealed record NodeLoad(
    int Index,
    string Node,
    double Flops,
    double ComputeSeconds,
    double BudgetSeconds,
    long PeakMemoryBytes,
    long MemoryBytes)
{
    /// <summary>ComputeSeconds / BudgetSeconds.</summary>
    public double ComputeUtilisation => Budgets.Ratio(ComputeSeconds, BudgetSeconds);

    /// <summary>PeakMemoryBytes / MemoryBytes.</summary>
    public double MemoryUtilisation => Budgets.Ratio(PeakMemoryBytes, MemoryBytes);

    /// <summary>True when both compute time and memory fit.</summary>
    public bool Fits => ComputeUtilisation <= 1.0 && MemoryUtilisation <= 1.0;
}
