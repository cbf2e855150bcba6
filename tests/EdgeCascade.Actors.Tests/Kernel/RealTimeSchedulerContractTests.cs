using EdgeCascade.Actors.Kernel;

namespace EdgeCascade.Actors.Tests.Kernel;

public sealed class RealTimeSchedulerContractTests : SchedulerContractTests, IDisposable
{
    private readonly List<RealTimeScheduler> _schedulers = [];

    public void Dispose()
    {
        foreach (RealTimeScheduler scheduler in _schedulers)
        {
            scheduler.Dispose();
        }
    }

    private protected override IScheduler CreateScheduler()
    {
        var scheduler = new RealTimeScheduler();
        _schedulers.Add(scheduler);
        return scheduler;
    }

    private protected override void RunUntil(IScheduler scheduler, long timeNs, Func<bool> done)
    {
        // Generous wall-clock bound: the machine may be heavily loaded; only correctness is asserted.
        Assert.True(SpinWait.SpinUntil(() => scheduler.Clock.Now >= timeNs && done(), TimeSpan.FromSeconds(10)), "condition not met within 10 s");
    }
}
