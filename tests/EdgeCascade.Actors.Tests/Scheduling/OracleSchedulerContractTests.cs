using EdgeCascade.Actors.Scheduling;

namespace EdgeCascade.Actors.Tests.Scheduling;

public sealed class OracleSchedulerContractTests : PolicySchedulerContractTests
{
    // A stand-in for real coding: prefers transmitting late (higher score for early ones).
    protected override IPolicyScheduler CreateScheduler() =>
        new OracleScheduler(policy => policy.Bits.Select((bit, i) => bit * (policy.LevelCount - i)).Sum(), "test score");
}
