namespace EdgeCascade.Actors.Budgets;

/// <summary>One unit of GPU work (a node's stage for one image) as the <see cref="GpuBudget"/> sees it.</summary>
/// <param name="flops">Floating-point operations the job runs.</param>
/// <param name="memoryBytes">Peak device memory the job holds while it runs.</param>
/// <param name="state">Caller data carried with the job (the node's work item).</param>
public sealed class GpuJob(double flops, long memoryBytes, object? state = null)
{
    /// <summary>Floating-point operations the job runs.</summary>
    public double Flops { get; } = flops >= 0 && double.IsFinite(flops) ? flops : throw new ArgumentOutOfRangeException(nameof(flops), flops, "FLOPs must be finite and non-negative");

    /// <summary>Peak device memory the job holds while it runs.</summary>
    public long MemoryBytes { get; } = memoryBytes >= 0 ? memoryBytes : throw new ArgumentOutOfRangeException(nameof(memoryBytes), memoryBytes, "memory must be non-negative");

    /// <summary>Caller data carried with the job.</summary>
    public object? State { get; } = state;

    /// <summary>Clock time the job got a slot, ns; -1 while waiting.</summary>
    public long StartNs { get; internal set; } = -1;

    /// <summary>Clock time the job's modelled run ends (start + FLOPs / effective FLOP/s), ns; -1 while waiting.</summary>
    public long FinishNs { get; internal set; } = -1;

    /// <summary>Caller flag/slot for completion bookkeeping (e.g. an asynchronous output); not used by the budget.</summary>
    public object? Output { get; set; }
}
