using EdgeCascade.Actors.Scheduling;

namespace EdgeCascade.Actors.Tests.Scheduling;

public sealed class GreedySchedulerContractTests : PolicySchedulerContractTests
{
    protected override IPolicyScheduler CreateScheduler() => new GreedyScheduler();
}
