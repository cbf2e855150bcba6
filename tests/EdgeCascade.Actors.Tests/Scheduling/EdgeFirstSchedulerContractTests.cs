using EdgeCascade.Actors.Scheduling;

namespace EdgeCascade.Actors.Tests.Scheduling;

public sealed class EdgeFirstSchedulerContractTests : PolicySchedulerContractTests
{
    protected override IPolicyScheduler CreateScheduler() => new EdgeFirstScheduler();
}
