using EdgeCascade.Runtime.Shaping;
using Microsoft.Extensions.Time.Testing;

namespace EdgeCascade.Runtime.Tests.Shaping;

public sealed class TokenBucketTests
{
    // 8,000 bit/s = 1,000 bytes per second keeps the arithmetic readable.
    private const double Rate = 8_000;

    [Fact]
    public void Reserve_WithinBurst_NoDelay()
    {
        var bucket = new TokenBucket(Rate, burstBytes: 1_000);

        Assert.Equal(TimeSpan.Zero, bucket.Reserve(600, TimeSpan.Zero));
        Assert.Equal(TimeSpan.Zero, bucket.Reserve(400, TimeSpan.Zero));
    }

    [Fact]
    public void Reserve_BeyondBurst_DelayIsDebtOverRate()
    {
        var bucket = new TokenBucket(Rate, burstBytes: 1_000);
        bucket.Reserve(1_000, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromSeconds(0.5), bucket.Reserve(500, TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromSeconds(1.5), bucket.Reserve(1_000, TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromSeconds(0.5), bucket.Reserve(0, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Reserve_MessageLargerThanBurst_IsAllowedWithProportionalDelay()
    {
        var bucket = new TokenBucket(Rate, burstBytes: 100);

        Assert.Equal(TimeSpan.FromSeconds(4.9), bucket.Reserve(5_000, TimeSpan.Zero));
    }

    [Fact]
    public void AvailableBytes_AfterLongIdle_CappedAtBurst()
    {
        var bucket = new TokenBucket(Rate, burstBytes: 1_000);
        bucket.Reserve(1_000, TimeSpan.Zero);

        Assert.Equal(250, bucket.AvailableBytes(TimeSpan.FromSeconds(0.25)), precision: 6);
        Assert.Equal(1_000, bucket.AvailableBytes(TimeSpan.FromSeconds(60)), precision: 6);
    }

    [Fact]
    public void TryConsume_NotEnoughTokens_ReturnsFalseAndTakesNothing()
    {
        var bucket = new TokenBucket(Rate, burstBytes: 1_000);

        Assert.True(bucket.TryConsume(800, TimeSpan.Zero));
        Assert.False(bucket.TryConsume(300, TimeSpan.Zero));
        Assert.True(bucket.TryConsume(300, TimeSpan.FromSeconds(0.1)));
    }

    [Fact]
    public void Reserve_SteadyStream_LongRunRateEqualsConfigured()
    {
        var bucket = new TokenBucket(20e6, burstBytes: 16 * 1024);
        TimeSpan now = TimeSpan.Zero;
        const int messages = 1_000;
        const int size = 16 * 1024;

        // A sender that sends each message as soon as the bucket allows, with a coarse 1 ms timer.
        for (int i = 0; i < messages; i++)
        {
            TimeSpan delay = bucket.Reserve(size, now);
            now += TimeSpan.FromMilliseconds(Math.Ceiling(delay.TotalMilliseconds));
        }

        double measured = (messages - 1) * size * 8.0 / now.TotalSeconds;
        Assert.InRange(measured, 20e6 * 0.98, 20e6 * 1.02);
    }

    [Fact]
    public async Task WaitAsync_OverBurst_CompletesOnlyWhenClockReachesDelay()
    {
        var clock = new FakeTimeProvider();
        var bucket = new TokenBucket(Rate, burstBytes: 1_000, clock);
        await bucket.WaitAsync(1_000);

        Task waiting = bucket.WaitAsync(250).AsTask();
        Assert.False(waiting.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(249));
        Assert.False(waiting.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task WaitAsync_Cancelled_RefundsReservation()
    {
        var clock = new FakeTimeProvider();
        var bucket = new TokenBucket(Rate, burstBytes: 1_000, clock);
        await bucket.WaitAsync(1_000);
        using var cancellation = new CancellationTokenSource();

        Task waiting = bucket.WaitAsync(500, cancellation.Token).AsTask();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(0, bucket.AvailableBytes(bucket.Now), precision: 6);
    }

    [Fact]
    public void Constructor_NonPositiveRate_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenBucket(0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenBucket(double.PositiveInfinity, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenBucket(1, 0));
    }
}
