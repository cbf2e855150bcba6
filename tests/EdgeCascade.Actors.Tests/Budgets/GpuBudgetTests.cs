using EdgeCascade.Actors.Budgets;

namespace EdgeCascade.Actors.Tests.Budgets;

public sealed class GpuBudgetTests
{
    [Fact]
    public void JobDurationNs_FlopsOverEffectiveRate_RoundedUpToNanosecond()
    {
        // 2 TFLOP/s peak × 0.5 efficiency = 1e12 FLOP/s: 3e9 FLOPs take 3 ms; 1 FLOP takes 1 ns (rounded up).
        var budget = new GpuBudget(2e12 * 0.5, 1 << 30, 1, 4);

        Assert.Equal(3_000_000, budget.JobDurationNs(3e9));
        Assert.Equal(1, budget.JobDurationNs(1));
        Assert.Equal(0, budget.JobDurationNs(0));
    }

    [Fact]
    public void Offer_FreeSlot_StartsWithFinishTimeFromFlops()
    {
        var budget = new GpuBudget(1e9, 1000, 1, 4);
        var job = new GpuJob(5e6, 100);

        Assert.Equal(GpuAdmission.Started, budget.Offer(1_000, job));
        Assert.Equal(1_000, job.StartNs);
        Assert.Equal(5_001_000, job.FinishNs);
        Assert.Equal(100, budget.MemoryInUseBytes);
    }

    [Fact]
    public void Offer_SlotsBusy_QueuesUntilCapacityThenRejects()
    {
        var budget = new GpuBudget(1e9, 1000, 2, 1);

        Assert.Equal(GpuAdmission.Started, budget.Offer(0, new GpuJob(1e6, 10)));
        Assert.Equal(GpuAdmission.Started, budget.Offer(0, new GpuJob(1e6, 10)));
        Assert.Equal(GpuAdmission.Queued, budget.Offer(0, new GpuJob(1e6, 10)));
        Assert.Equal(GpuAdmission.RejectedQueueFull, budget.Offer(0, new GpuJob(1e6, 10)));
        Assert.Equal(1, budget.MaxQueueLength);
    }

    [Fact]
    public void Offer_JobLargerThanDevice_RejectedForMemory()
    {
        var budget = new GpuBudget(1e9, 1000, 1, 8);

        Assert.Equal(GpuAdmission.RejectedMemory, budget.Offer(0, new GpuJob(1, 1001)));
    }

    [Fact]
    public void Offer_MemoryHeldByRunningJob_WaitsDespiteFreeSlot()
    {
        var budget = new GpuBudget(1e9, 1000, 2, 8);
        var first = new GpuJob(1e6, 700);
        var second = new GpuJob(1e6, 400);
        budget.Offer(0, first);

        Assert.Equal(GpuAdmission.Queued, budget.Offer(0, second));

        var started = new List<GpuJob>();
        budget.Complete(1_000_000, first, started);
        Assert.Same(second, Assert.Single(started));
        Assert.Equal(1_000_000, second.StartNs);
        Assert.Equal(700, budget.PeakMemoryBytes);
    }

    [Fact]
    public void Complete_QueuedJobs_StartInFifoOrderAsSlotsFree()
    {
        var budget = new GpuBudget(1e9, 1000, 1, 8);
        var running = new GpuJob(1e6, 1);
        var a = new GpuJob(1e6, 1);
        var b = new GpuJob(1e6, 1);
        budget.Offer(0, running);
        budget.Offer(0, a);
        budget.Offer(0, b);

        var started = new List<GpuJob>();
        budget.Complete(running.FinishNs, running, started);

        Assert.Same(a, Assert.Single(started));
        Assert.Equal(1, budget.QueueLength);
    }

    [Fact]
    public void BusySlotNanoseconds_TwoSlotsOneBusyHalfTheTime_QuarterUtilisation()
    {
        var budget = new GpuBudget(1e9, 1000, 2, 8);
        var job = new GpuJob(1e6, 1);
        budget.Offer(0, job);
        budget.Complete(1_000_000, job, []);

        double fraction = budget.BusySlotNanoseconds(2_000_000) / (2.0 * 2_000_000);

        Assert.Equal(0.25, fraction, 12);
        Assert.Equal(1, budget.CompletedJobs);
        Assert.Equal(1e6, budget.CompletedFlops);
    }

    [Fact]
    public void Complete_JobNotRunning_Throws()
    {
        var budget = new GpuBudget(1e9, 1000, 1, 8);

        Assert.Throws<InvalidOperationException>(() => budget.Complete(0, new GpuJob(1, 1), []));
    }
}
