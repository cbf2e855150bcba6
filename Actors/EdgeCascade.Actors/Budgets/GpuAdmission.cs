namespace EdgeCascade.Actors.Budgets;

/// <summary>What <see cref="GpuBudget.Offer"/> did with a job.</summary>
public enum GpuAdmission
{
    /// <summary>A slot and the memory were free: the job runs from now.</summary>
    Started,

    /// <summary>The job waits in the node queue for a slot or memory.</summary>
    Queued,

    /// <summary>The queue was full: the job is dropped.</summary>
    RejectedQueueFull,

    /// <summary>The job needs more memory than the device has: it can never run and is dropped.</summary>
    RejectedMemory,
}
