using EdgeCascade.Runtime.Membership;

namespace EdgeCascade.Runtime.Tests.Membership;

public sealed class PhiAccrualFailureDetectorTests
{
    private static readonly FailureDetectorOptions s_options = new()
    {
        Threshold = 8,
        AcceptableHeartbeatPause = TimeSpan.Zero,
        MinStandardDeviation = TimeSpan.FromMilliseconds(100),
        FirstHeartbeatEstimate = TimeSpan.FromSeconds(1),
    };

    [Fact]
    public void Phi_BeforeFirstHeartbeat_IsZeroAndAvailable()
    {
        var detector = new PhiAccrualFailureDetector(s_options);

        Assert.False(detector.IsMonitoring);
        Assert.Equal(0, detector.Phi(TimeSpan.FromHours(1)));
        Assert.True(detector.IsAvailable(TimeSpan.FromHours(1)));
    }

    [Fact]
    public void Phi_RegularHeartbeats_LowOnTimeHighWhenSilent()
    {
        var detector = Regular(count: 20, interval: TimeSpan.FromSeconds(1), out TimeSpan last);

        Assert.InRange(detector.Phi(last + TimeSpan.FromSeconds(1)), 0, 1);
        Assert.True(detector.IsAvailable(last + TimeSpan.FromSeconds(1.2)));
        Assert.False(detector.IsAvailable(last + TimeSpan.FromSeconds(3)));
        Assert.True(detector.Phi(last + TimeSpan.FromSeconds(3)) > 8);
    }

    [Fact]
    public void Phi_GrowsMonotonicallyWithSilence()
    {
        var detector = Regular(count: 10, interval: TimeSpan.FromSeconds(1), out TimeSpan last);
        double previous = -1;

        for (int ms = 0; ms <= 5_000; ms += 100)
        {
            double phi = detector.Phi(last + TimeSpan.FromMilliseconds(ms));
            Assert.True(phi >= previous, $"phi fell at +{ms} ms");
            previous = phi;
        }
    }

    [Fact]
    public void Phi_AcceptablePause_DelaysSuspicion()
    {
        var tolerant = new PhiAccrualFailureDetector(new FailureDetectorOptions { AcceptableHeartbeatPause = TimeSpan.FromSeconds(3) });
        var strict = new PhiAccrualFailureDetector(s_options);
        for (int i = 0; i <= 10; i++)
        {
            tolerant.Heartbeat(TimeSpan.FromSeconds(i));
            strict.Heartbeat(TimeSpan.FromSeconds(i));
        }

        TimeSpan now = TimeSpan.FromSeconds(13);
        Assert.False(strict.IsAvailable(now));
        Assert.True(tolerant.IsAvailable(now));
    }

    [Fact]
    public void Phi_IrregularHeartbeats_SuspectsLaterThanRegular()
    {
        var regular = new PhiAccrualFailureDetector(s_options);
        var jittery = new PhiAccrualFailureDetector(s_options);
        TimeSpan r = TimeSpan.Zero;
        TimeSpan j = TimeSpan.Zero;
        for (int i = 0; i < 50; i++)
        {
            regular.Heartbeat(r += TimeSpan.FromSeconds(1));
            jittery.Heartbeat(j += TimeSpan.FromSeconds(i % 2 == 0 ? 0.4 : 1.6));
        }

        Assert.True(jittery.Phi(j + TimeSpan.FromSeconds(2)) < regular.Phi(r + TimeSpan.FromSeconds(2)));
    }

    private static PhiAccrualFailureDetector Regular(int count, TimeSpan interval, out TimeSpan last)
    {
        var detector = new PhiAccrualFailureDetector(s_options);
        last = TimeSpan.Zero;
        for (int i = 0; i < count; i++)
        {
            last = interval * i;
            detector.Heartbeat(last);
        }

        return detector;
    }
}
