using EdgeCascade.Runtime.Transport;

namespace EdgeCascade.Runtime.Tests.Transport;

public sealed class SinkDeduplicatorTests
{
    [Fact]
    public void TryAccept_SameKeyTwice_AcceptsOnlyFirst()
    {
        var dedup = new SinkDeduplicator(capacity: 10);

        Assert.True(dedup.TryAccept("flow", 1));
        Assert.False(dedup.TryAccept("flow", 1));
        Assert.True(dedup.TryAccept("other-flow", 1));
        Assert.Equal(1, dedup.DuplicateCount);
    }

    [Fact]
    public void TryAccept_BeyondCapacity_ForgetsOldestKeysOnly()
    {
        var dedup = new SinkDeduplicator(capacity: 3);
        for (int i = 0; i < 5; i++)
        {
            Assert.True(dedup.TryAccept("flow", i));
        }

        Assert.Equal(3, dedup.Count);
        Assert.False(dedup.Contains("flow", 0));
        Assert.False(dedup.Contains("flow", 1));
        Assert.False(dedup.TryAccept("flow", 4));
        Assert.True(dedup.TryAccept("flow", 0));
    }

    [Fact]
    public void Forget_AcceptedKey_AcceptsItAgain()
    {
        var dedup = new SinkDeduplicator(capacity: 3);
        Assert.True(dedup.TryAccept("flow", 1));

        dedup.Forget("flow", 1);

        Assert.True(dedup.TryAccept("flow", 1));
    }

    [Fact]
    public void TryAccept_ConcurrentDuplicates_ExactlyOneWins()
    {
        var dedup = new SinkDeduplicator(capacity: 1000);
        int accepted = 0;

        Parallel.For(0, 2000, i =>
        {
            if (dedup.TryAccept("flow", i % 500))
            {
                Interlocked.Increment(ref accepted);
            }
        });

        Assert.Equal(500, accepted);
        Assert.Equal(1500, dedup.DuplicateCount);
    }
}
