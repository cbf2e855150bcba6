using EdgeCascade.Actors.Policies;

namespace EdgeCascade.Actors.Tests.Policies;

public sealed class HopPlanTests
{
    private static readonly string[] s_twoHops = ["source", "relay", "sink"];

    [Fact]
    public void Create_EdgePolicy_MatchesSpecExample()
    {
        var plan = HopPlan.Create(QuantizationPolicy.Parse("[1,0,0,1]", 4), s_twoHops);

        Assert.Equal("source: g_a^4, Q^4,E^4", plan.Stages[0].ToString());
        Assert.Equal("relay: D^4, φ^inter_{4→3}, φ^intra_{3→2}, φ^intra_{2→1}, Q^1,E^1", plan.Stages[1].ToString());
        Assert.Equal("sink: D^1, g_s^1", plan.Stages[2].ToString());
        Assert.Equal([4, 1], plan.Hops.Select(h => h.Level));
    }

    [Fact]
    public void Create_LatePolicy_MatchesSpecExample()
    {
        var plan = HopPlan.Create(QuantizationPolicy.Parse("[0,0,1,1]", 4), s_twoHops);

        Assert.Equal(
            [StageOp.Analysis(4), StageOp.IntraTransform(4), StageOp.IntraTransform(3), StageOp.QuantizeEncode(2)],
            plan.Stages[0].Operations);
        Assert.Equal([StageOp.Decode(2), StageOp.InterTransform(2), StageOp.QuantizeEncode(1)], plan.Stages[1].Operations);
        Assert.Equal([StageOp.Decode(1), StageOp.Synthesis(1)], plan.Stages[2].Operations);
    }

    [Fact]
    public void Create_SingleHop_SourceCarriesAllTransforms()
    {
        var plan = HopPlan.Create(QuantizationPolicy.Parse("[0,0,1]", 3), ["a", "b"]);

        Assert.Equal("a: g_a^3, φ^intra_{3→2}, φ^intra_{2→1}, Q^1,E^1", plan.Stages[0].ToString());
        Assert.Equal("b: D^1, g_s^1", plan.Stages[1].ToString());
        Assert.True(plan.Stages[0].IsSource);
        Assert.True(plan.Stages[1].IsDestination);
    }

    [Fact]
    public void Create_NqDiffersFromHopCount_ThrowsWithClearMessage()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            HopPlan.Create(QuantizationPolicy.Parse("[1,0,1,1]", 4), s_twoHops));

        Assert.Contains("n_q = 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("2 hop(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_FewerTransmissionsThanHops_RelaysAfterTheLastTransmissionPassThrough()
    {
        // 9 -> 8 over four links: transmit 9, transform to 8 at the first relay, then 8 crosses three links as is.
        HopPlan plan = HopPlan.Create(QuantizationPolicy.Parse("[1,1]", 9), ["cam", "r1", "r2", "r3", "cloud"]);

        Assert.Equal([9, 8, 8, 8], plan.Hops.Select(h => h.Level));
        Assert.Equal([StageOpKind.Decode, StageOpKind.InterTransform, StageOpKind.QuantizeEncode], plan.Stages[1].Operations.Select(o => o.Kind));
        Assert.False(plan.Stages[1].IsPassThrough);
        Assert.True(plan.Stages[2].IsPassThrough);
        Assert.True(plan.Stages[3].IsPassThrough);
        Assert.Empty(plan.Stages[3].Operations);
        Assert.Equal(StageOpKind.Decode, plan.Stages[4].Operations[0].Kind);
        Assert.Equal(8, plan.Stages[4].Operations[0].Level);
    }

    [Fact]
    public void Create_RepeatedNode_Throws() =>
        Assert.Throws<ArgumentException>(() => HopPlan.Create(QuantizationPolicy.Parse("[1,1]", 2), ["a", "b", "a"]));

    [Fact]
    public void Create_EveryPolicyUpToSixLevels_RespectsCascadeInvariants()
    {
        foreach (var policy in PolicySpace.EnumerateAll(6, 1))
        {
            var plan = HopPlan.Create(policy);
            var s = policy.SourceLevel;
            var d = policy.TargetLevel;

            Assert.Equal(policy.NQ + 1, plan.Stages.Count);
            Assert.Equal(policy.TransmitLevels, plan.Hops.Select(h => h.Level));

            // g_a once at the source, g_s once at the destination.
            Assert.Equal(StageOp.Analysis(s), plan.Stages[0].Operations[0]);
            Assert.Equal(StageOp.Synthesis(d), plan.Stages[^1].Operations[^1]);
            var all = plan.Stages.SelectMany(st => st.Operations).ToList();
            Assert.Single(all, op => op.Kind == StageOpKind.Analysis);
            Assert.Single(all, op => op.Kind == StageOpKind.Synthesis);

            // Exactly one transform per level above d: inter after a transmit, intra otherwise.
            for (var k = s; k > d; k--)
            {
                var expected = policy.IsTransmitted(k) ? StageOpKind.InterTransform : StageOpKind.IntraTransform;
                Assert.Single(all, op => op.Level == k && op.Kind is StageOpKind.InterTransform or StageOpKind.IntraTransform);
                Assert.Contains(new StageOp(expected, k), all);
            }

            // Each relay/destination starts by decoding what the previous hop sent; each non-destination ends by encoding it.
            for (var i = 0; i < plan.Hops.Count; i++)
            {
                Assert.Equal(StageOp.QuantizeEncode(plan.Hops[i].Level), plan.Stages[i].Operations[^1]);
                Assert.Equal(StageOp.Decode(plan.Hops[i].Level), plan.Stages[i + 1].Operations[0]);
                Assert.Equal(plan.Hops[i].Level, plan.Stages[i].TransmittedLevel);
                Assert.Equal(plan.Hops[i].Level, plan.Stages[i + 1].ReceivedLevel);
            }
        }
    }

    [Fact]
    public void Create_HopLevelsWithRepeatAboveTarget_RelayPassesThroughAtThatLevel()
    {
        // 9 -> 5 over a -> b -> c -> d with levels 9, 7, 7, 5... here three hops: 7 crosses two links unchanged.
        var plan = HopPlan.Create(QuantizationPolicy.FromTransmitLevels(9, 5, [7, 5]), ["a", "b", "c", "d"], [7, 7, 5]);

        Assert.Equal([7, 7, 5], plan.HopLevels);
        Assert.Equal("a: g_a^9, φ^intra_{9→8}, φ^intra_{8→7}, Q^7,E^7", plan.Stages[0].ToString());
        Assert.True(plan.Stages[1].IsPassThrough);
        Assert.Equal("c: D^7, φ^inter_{7→6}, φ^intra_{6→5}, Q^5,E^5", plan.Stages[2].ToString());
        Assert.Equal("d: D^5, g_s^5", plan.Stages[3].ToString());
    }

    [Fact]
    public void Create_DefaultHopLevels_EqualExplicitOnes()
    {
        var policy = QuantizationPolicy.Parse("[1,0,1]", 9);
        string[] path = ["a", "b", "c", "d"];

        var implicitPlan = HopPlan.Create(policy, path);
        var explicitPlan = HopPlan.Create(policy, path, [9, 7, 7]);

        Assert.Equal(implicitPlan.ToString(), explicitPlan.ToString());
        Assert.Equal([9, 7, 7], implicitPlan.HopLevels);
    }

    [Theory]
    [InlineData(new[] { 7, 9, 5 })]
    [InlineData(new[] { 9, 7 })]
    [InlineData(new[] { 9, 8, 5 })]
    public void Create_HopLevelsNotThePolicysInOrder_Throws(int[] levels)
    {
        var policy = QuantizationPolicy.FromTransmitLevels(9, 5, [9, 7, 5]);

        Assert.Throws<ArgumentException>(() => HopPlan.Create(policy, ["a", "b", "c", "d"], levels));
    }

    [Fact]
    public void AgreesAt_MonitorAndArchiveOfOneCamera_AgreeOnTheSharedHopsOnly()
    {
        var monitor = HopPlan.Create(QuantizationPolicy.FromTransmitLevels(9, 7, [9, 7]), ["cam", "edge", "regional"]);
        var archive = HopPlan.Create(QuantizationPolicy.FromTransmitLevels(9, 5, [9, 7, 5]), ["cam", "edge", "regional", "cloud"]);

        Assert.True(monitor.AgreesAt(archive, 0));
        Assert.True(monitor.AgreesAt(archive, 1));
        Assert.False(monitor.AgreesAt(archive, 2));
        var ownArchive = HopPlan.Create(QuantizationPolicy.FromTransmitLevels(9, 5, [9, 8, 5]), ["cam", "edge", "regional", "cloud"]);
        Assert.True(ownArchive.AgreesAt(monitor, 0));
        Assert.False(ownArchive.AgreesAt(monitor, 1));
    }
}
