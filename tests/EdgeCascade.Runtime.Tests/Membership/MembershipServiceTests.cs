using System.Collections.Concurrent;
using EdgeCascade.Runtime.Membership;
using EdgeCascade.Runtime.Tests.Shaping;

namespace EdgeCascade.Runtime.Tests.Membership;

public sealed class MembershipServiceTests
{
    [Fact]
    public async Task Services_OnSharedBus_SeeEachOtherUpThenDownAfterStop()
    {
        var clock = new ManualTimeProvider();
        await using var bus = new InProcHeartbeatBus();
        var options = new FailureDetectorOptions { AcceptableHeartbeatPause = TimeSpan.FromSeconds(1) };
        await using var camera = new MembershipService(
            new MembershipOptions { NodeName = "camera", ExpectedNodes = ["camera", "relay"], FailureDetector = options }, bus, clock);
        var relay = new MembershipService(new MembershipOptions { NodeName = "relay", FailureDetector = options }, bus, clock);
        var events = new ConcurrentQueue<MemberStatusChanged>();
        camera.MemberStatusChanged += (_, change) => events.Enqueue(change);

        await camera.StartAsync(CancellationToken.None);
        Assert.Equal(MemberStatus.Unknown, camera.GetStatus().Find("relay")!.Status);
        await relay.StartAsync(CancellationToken.None);
        for (int i = 0; i < 10; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.True(camera.GetStatus().AllUp);
        Assert.Equal(MemberStatus.Up, relay.GetStatus().Find("camera")!.Status);
        await relay.StopAsync(CancellationToken.None);
        for (int i = 0; i < 10; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(MemberStatus.Down, camera.GetStatus().Find("relay")!.Status);
        Assert.Equal(
            [(MemberStatus.Unknown, MemberStatus.Up), (MemberStatus.Up, MemberStatus.Down)],
            events.Select(e => (e.Previous, e.Current)));
        Assert.All(events, e => Assert.Equal("relay", e.Node));
    }
}
