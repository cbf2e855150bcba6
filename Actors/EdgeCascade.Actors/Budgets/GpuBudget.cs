using System.Diagnostics;
using EdgeCascade.Topologies.Model;

namespace EdgeCascade.Actors.Budgets;

/// <summary>
/// A node's accelerator: concurrency slots, device memory and the bounded queue in front of them,
/// with the time accounting reports need (busy slot-time, peak memory, longest queue).
/// </summary>
/// <remarks>
/// A job runs for FLOPs / (peak FLOP/s × efficiency), rounded up to the nanosecond. It starts when
/// a slot is free and its peak memory fits beside the running jobs' memory; otherwise it waits in a
/// FIFO queue of <see cref="QueueCapacity"/> jobs (head-of-line: a large job at the head waits for
/// memory even if a smaller one behind it would fit). A job larger than the whole device is refused.
/// Time is always passed in ("now", ns), never read, so the same budget works under virtual and real
/// time. Not thread-safe: owned by one node actor.
/// </remarks>
public sealed class GpuBudget
{
    private readonly Queue<GpuJob> _queue = new();
    private long _lastChangeNs;
    private double _busySlotNs;

    /// <param name="effectiveFlopsPerSecond">Sustained FLOP/s of one job (peak × efficiency), &gt; 0.</param>
    /// <param name="memoryBytes">Device memory available to jobs.</param>
    /// <param name="concurrency">Jobs that run at once, ≥ 1.</param>
    /// <param name="queueCapacity">Jobs that may wait, ≥ 0.</param>
    public GpuBudget(double effectiveFlopsPerSecond, long memoryBytes, int concurrency, int queueCapacity)
    {
        if (!(effectiveFlopsPerSecond > 0) || !double.IsFinite(effectiveFlopsPerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(effectiveFlopsPerSecond), effectiveFlopsPerSecond, "effective FLOP/s must be positive and finite");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(memoryBytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(queueCapacity);
        EffectiveFlopsPerSecond = effectiveFlopsPerSecond;
        MemoryBytes = memoryBytes;
        Concurrency = concurrency;
        QueueCapacity = queueCapacity;
    }

    /// <summary>Sustained FLOP/s of one job.</summary>
    public double EffectiveFlopsPerSecond { get; }

    /// <summary>Device memory available to jobs.</summary>
    public long MemoryBytes { get; }

    /// <summary>Jobs that run at once.</summary>
    public int Concurrency { get; }

    /// <summary>Jobs that may wait for a slot.</summary>
    public int QueueCapacity { get; }

    /// <summary>Jobs running now.</summary>
    public int Running { get; private set; }

    /// <summary>Jobs waiting now.</summary>
    public int QueueLength => _queue.Count;

    /// <summary>Longest the queue has been.</summary>
    public int MaxQueueLength { get; private set; }

    /// <summary>Memory held by the running jobs.</summary>
    public long MemoryInUseBytes { get; private set; }

    /// <summary>Most memory held at once.</summary>
    public long PeakMemoryBytes { get; private set; }

    /// <summary>Jobs that finished.</summary>
    public long CompletedJobs { get; private set; }

    /// <summary>FLOPs of the jobs that finished.</summary>
    public double CompletedFlops { get; private set; }

    /// <summary>The budget of <paramref name="node"/>'s GPU profile and queue capacity.</summary>
    public static GpuBudget ForNode(NodeSpec node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new GpuBudget(node.Gpu.EffectiveFlopsPerSecond, node.Gpu.MemoryBytes, node.Gpu.Concurrency, node.QueueCapacity);
    }

    /// <summary>Run time of a job of <paramref name="flops"/>: FLOPs / effective FLOP/s, in whole ns (rounded up).</summary>
    public long JobDurationNs(double flops)
    {
        if (flops <= 0)
        {
            return 0;
        }

        double nanoseconds = Math.Ceiling(flops / EffectiveFlopsPerSecond * 1e9);
        return nanoseconds >= long.MaxValue ? long.MaxValue : (long)nanoseconds;
    }

    /// <summary>
    /// Slot-nanoseconds of work done up to <paramref name="nowNs"/> (a running job contributes one
    /// slot per ns). Divide by <see cref="Concurrency"/> × elapsed time for the busy fraction.
    /// </summary>
    public double BusySlotNanoseconds(long nowNs) => _busySlotNs + ((double)Running * Math.Max(0, nowNs - _lastChangeNs));

    /// <summary>Starts <paramref name="job"/> at <paramref name="nowNs"/>, queues it, or refuses it.</summary>
    public GpuAdmission Offer(long nowNs, GpuJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.MemoryBytes > MemoryBytes)
        {
            return GpuAdmission.RejectedMemory;
        }

        if (_queue.Count == 0 && CanStart(job))
        {
            Start(nowNs, job);
            return GpuAdmission.Started;
        }

        if (_queue.Count >= QueueCapacity)
        {
            return GpuAdmission.RejectedQueueFull;
        }

        _queue.Enqueue(job);
        MaxQueueLength = Math.Max(MaxQueueLength, _queue.Count);
        return GpuAdmission.Queued;
    }

    /// <summary>
    /// Releases the slot and memory of the running <paramref name="job"/> at <paramref name="nowNs"/>
    /// and starts queued jobs that now fit, adding them to <paramref name="started"/> in start order.
    /// </summary>
    public void Complete(long nowNs, GpuJob job, List<GpuJob> started)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(started);
        if (job.StartNs < 0 || Running == 0)
        {
            throw new InvalidOperationException("the job is not running on this GPU");
        }

        Account(nowNs);
        Running--;
        MemoryInUseBytes -= job.MemoryBytes;
        CompletedJobs++;
        CompletedFlops += job.Flops;
        Debug.Assert(MemoryInUseBytes >= 0, "memory accounting went negative");
        while (_queue.Count > 0 && CanStart(_queue.Peek()))
        {
            GpuJob next = _queue.Dequeue();
            Start(nowNs, next);
            started.Add(next);
        }
    }

    private bool CanStart(GpuJob job) => Running < Concurrency && MemoryInUseBytes + job.MemoryBytes <= MemoryBytes;

    private void Start(long nowNs, GpuJob job)
    {
        Account(nowNs);
        Running++;
        MemoryInUseBytes += job.MemoryBytes;
        PeakMemoryBytes = Math.Max(PeakMemoryBytes, MemoryInUseBytes);
        job.StartNs = nowNs;
        long duration = JobDurationNs(job.Flops);
        job.FinishNs = duration >= long.MaxValue - nowNs ? long.MaxValue : nowNs + duration;
    }

    private void Account(long nowNs)
    {
        if (nowNs > _lastChangeNs)
        {
            _busySlotNs += (double)Running * (nowNs - _lastChangeNs);
            _lastChangeNs = nowNs;
        }
    }
}
