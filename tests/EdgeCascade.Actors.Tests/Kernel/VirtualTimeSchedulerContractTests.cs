using EdgeCascade.Actors.Kernel;

namespace EdgeCascade.Actors.Tests.Kernel;

public sealed class VirtualTimeSchedulerContractTests : SchedulerContractTests
{
    private protected override IScheduler CreateScheduler() => new VirtualTimeScheduler();

    private protected override void RunUntil(IScheduler scheduler, long timeNs, Func<bool> done)
    {
        ((VirtualTimeScheduler)scheduler).RunUntil(timeNs);
        Assert.True(done(), "condition not met by the virtual deadline");
    }
}
