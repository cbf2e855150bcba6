using EdgeCascade.Actors.Policies;
using EdgeCascade.Actors.Scheduling;

namespace EdgeCascade.Actors.Tests.Scheduling;

public sealed class FixedUniformSchedulerContractTests : PolicySchedulerContractTests
{
    protected override IPolicyScheduler CreateScheduler() => new FixedPolicyScheduler(PolicyKind.Uniform);
}
