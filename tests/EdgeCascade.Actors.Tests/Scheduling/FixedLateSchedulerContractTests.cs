using EdgeCascade.Actors.Policies;
using EdgeCascade.Actors.Scheduling;

namespace EdgeCascade.Actors.Tests.Scheduling;

public sealed class FixedLateSchedulerContractTests : PolicySchedulerContractTests
{
    protected override IPolicyScheduler CreateScheduler() => new FixedPolicyScheduler(PolicyKind.Late);
}
