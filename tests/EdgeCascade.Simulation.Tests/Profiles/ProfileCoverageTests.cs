using EdgeCascade.Simulation.Profiles;

namespace EdgeCascade.Simulation.Tests.Profiles;

public sealed class ProfileCoverageTests
{
    [Fact]
    public void Needed_OneFlowPerSource_ItsOwnTransmissions()
    {
        var topology = TestTopologies.Load(TestTopologies.Chain).Get("chain");

        Assert.Equal([(6, 3, 2)], ProfileCoverage.Needed(topology));
    }

    [Fact]
    public void Needed_TwoFlowsOfOneSource_EveryTransmissionCountUpToEachFlows()
    {
        var topology = TestTopologies.Load(TestTopologies.Tree).Get("tree");

        Assert.Equal([(6, 3, 1), (6, 3, 2), (6, 5, 1)], ProfileCoverage.Needed(topology));
    }
}
