using EdgeCascade.Runtime.Membership;

namespace EdgeCascade.Runtime.Tests.Membership;

public sealed class MembershipTrackerTests
{
    private static readonly Guid s_relayFirstLife = Guid.NewGuid();

    [Fact]
    public void RecordHeartbeat_FirstFromNode_RaisesUp()
    {
        var tracker = new MembershipTracker("camera", ["relay", "cloud"]);

        MemberStatusChanged? change = tracker.RecordHeartbeat(Beat("relay", s_relayFirstLife, 1), TimeSpan.Zero);

        Assert.NotNull(change);
        Assert.Equal((MemberStatus.Unknown, MemberStatus.Up), (change.Previous, change.Current));
        Assert.Equal("node relay is UP", change.Describe());
        Assert.Null(tracker.RecordHeartbeat(Beat("relay", s_relayFirstLife, 2), TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Evaluate_SilentNode_RaisesDownOnceThenUpAgainOnHeartbeat()
    {
        var tracker = new MembershipTracker("camera", options: new FailureDetectorOptions { AcceptableHeartbeatPause = TimeSpan.Zero });
        for (int i = 0; i < 10; i++)
        {
            tracker.RecordHeartbeat(Beat("relay", s_relayFirstLife, i), TimeSpan.FromSeconds(i));
        }

        Assert.Empty(tracker.Evaluate(TimeSpan.FromSeconds(10)));
        MemberStatusChanged down = Assert.Single(tracker.Evaluate(TimeSpan.FromSeconds(15)));
        Assert.Empty(tracker.Evaluate(TimeSpan.FromSeconds(20)));
        MemberStatusChanged? up = tracker.RecordHeartbeat(Beat("relay", s_relayFirstLife, 11), TimeSpan.FromSeconds(21));

        Assert.Equal(MemberStatus.Down, down.Current);
        Assert.Equal(TimeSpan.FromSeconds(6), down.SinceLastHeartbeat);
        Assert.StartsWith("node relay is DOWN (phi ", down.Describe(), StringComparison.Ordinal);
        Assert.NotNull(up);
        Assert.Equal("node relay is UP again", up.Describe());
    }

    [Fact]
    public void RecordHeartbeat_NewIncarnation_RaisesRestartedUp()
    {
        var tracker = new MembershipTracker("camera");
        tracker.RecordHeartbeat(Beat("relay", s_relayFirstLife, 1), TimeSpan.Zero);

        MemberStatusChanged? change = tracker.RecordHeartbeat(Beat("relay", Guid.NewGuid(), 1), TimeSpan.FromSeconds(1));

        Assert.NotNull(change);
        Assert.True(change.Restarted);
        Assert.Equal("node relay is UP (restarted)", change.Describe());
    }

    [Fact]
    public void RecordHeartbeat_Self_Ignored()
    {
        var tracker = new MembershipTracker("camera");

        Assert.Null(tracker.RecordHeartbeat(Beat("camera", Guid.NewGuid(), 1), TimeSpan.Zero));
        Assert.Single(tracker.Snapshot(TimeSpan.Zero, DateTimeOffset.UnixEpoch, Guid.Empty).Members);
    }

    [Fact]
    public void Snapshot_ListsSelfExpectedAndHeardNodes()
    {
        var self = Guid.NewGuid();
        var tracker = new MembershipTracker("camera", ["cloud", "relay"]);
        tracker.RecordHeartbeat(Beat("relay", s_relayFirstLife, 1), TimeSpan.FromSeconds(1));

        ClusterStatus status = tracker.Snapshot(TimeSpan.FromSeconds(1.5), DateTimeOffset.UnixEpoch, self);

        Assert.Equal(["camera", "cloud", "relay"], status.Members.Select(m => m.Node));
        Assert.Equal([MemberStatus.Up, MemberStatus.Unknown, MemberStatus.Up], status.Members.Select(m => m.Status));
        Assert.True(status.Find("camera")!.IsSelf);
        Assert.Equal(TimeSpan.FromSeconds(0.5), status.Find("relay")!.SinceLastHeartbeat);
        Assert.Null(status.Find("cloud")!.SinceLastHeartbeat);
        Assert.Equal(2, status.UpCount);
        Assert.False(status.AllUp);
    }

    private static Heartbeat Beat(string node, Guid incarnation, long sequence) =>
        new(node, incarnation, sequence, DateTimeOffset.UnixEpoch);
}
