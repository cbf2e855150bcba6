using EdgeCascade.Runtime.Transport;

namespace EdgeCascade.Runtime.Tests.Transport;

public sealed class AckCoalescerTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AckAsync_RunOfConsecutiveTagsQueuedBehindASend_GoesOutAsOneMultipleAck()
    {
        var channel = new RecordingAckChannel();
        AckCoalescer coalescer = Create(channel, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);

        channel.HoldNextFrame();
        Task first = coalescer.AckAsync(1);
        await channel.FrameHeld.WaitAsync(s_timeout);
        Task[] rest = [.. Enumerable.Range(2, 9).Select(t => coalescer.AckAsync((ulong)t))];
        channel.Release();
        await Task.WhenAll([first, .. rest]).WaitAsync(s_timeout);

        Assert.Equal(["ack 1 multiple", "ack 10 multiple"], channel.Frames);
        Assert.Empty(channel.Outstanding);
        Assert.Equal(10, coalescer.Acks);
        Assert.Equal(2, coalescer.AckFrames);
    }

    [Fact]
    public async Task AckAsync_TagBelowStillInWork_NeverAcksTheDeliveryInWork()
    {
        var channel = new RecordingAckChannel();
        AckCoalescer coalescer = Create(channel, 1, 2, 3, 4, 5);

        channel.HoldNextFrame();
        Task[] acks = [coalescer.AckAsync(1), coalescer.AckAsync(2), coalescer.AckAsync(4), coalescer.AckAsync(5)];
        await channel.FrameHeld.WaitAsync(s_timeout);
        channel.Release();
        await Task.WhenAll(acks).WaitAsync(s_timeout);

        Assert.Equal([3UL], channel.Outstanding);
        Assert.DoesNotContain(3UL, channel.Acked);

        await coalescer.AckAsync(3).WaitAsync(s_timeout);
        Assert.Empty(channel.Outstanding);
    }

    [Fact]
    public async Task NackAsync_InsideARunOfAcks_StaysNackedAndIsNotCoveredByTheMultipleAck()
    {
        var channel = new RecordingAckChannel();
        AckCoalescer coalescer = Create(channel, 1, 2, 3, 4, 5, 6);

        channel.HoldNextFrame();
        Task[] settlements =
        [
            coalescer.AckAsync(1), coalescer.AckAsync(2), coalescer.NackAsync(3, requeue: true),
            coalescer.AckAsync(4), coalescer.AckAsync(5), coalescer.AckAsync(6),
        ];
        await channel.FrameHeld.WaitAsync(s_timeout);
        channel.Release();
        await Task.WhenAll(settlements).WaitAsync(s_timeout);

        Assert.Equal([3UL], channel.Nacked);
        Assert.Equal([1UL, 2UL, 4UL, 5UL, 6UL], channel.Acked.Order());
        Assert.Empty(channel.Outstanding);
    }

    [Fact]
    public async Task AckAsync_AfterTagsSettledOneByOne_FoldsThemIntoTheWatermark()
    {
        var channel = new RecordingAckChannel();
        AckCoalescer coalescer = Create(channel, 1, 2, 3, 4);

        await coalescer.AckAsync(2).WaitAsync(s_timeout);
        await coalescer.NackAsync(3, requeue: false).WaitAsync(s_timeout);
        await coalescer.AckAsync(1).WaitAsync(s_timeout);
        await coalescer.AckAsync(4).WaitAsync(s_timeout);

        Assert.Equal(["ack 2", "nack 3 requeue=False", "ack 1 multiple", "ack 4 multiple"], channel.Frames);
        Assert.Empty(channel.Outstanding);
    }

    [Fact]
    public async Task Received_TagsCountAgainAfterChannelRecovery_AcksTheNewTags()
    {
        var channel = new RecordingAckChannel();
        AckCoalescer coalescer = Create(channel, 1, 2, 3);
        await Task.WhenAll(coalescer.AckAsync(1), coalescer.AckAsync(2), coalescer.AckAsync(3)).WaitAsync(s_timeout);

        channel.Recover();
        channel.Deliver(1, 2);
        coalescer.Received(1);
        coalescer.Received(2);
        await coalescer.AckAsync(2).WaitAsync(s_timeout);

        Assert.Equal([1UL], channel.Outstanding);
    }

    [Fact]
    public async Task AckAsync_SendFails_FaultsTheWaitingTaskAndKeepsServingLaterRequests()
    {
        var channel = new RecordingAckChannel();
        AckCoalescer coalescer = Create(channel, 2);

        await Assert.ThrowsAsync<InvalidOperationException>(() => coalescer.AckAsync(1).WaitAsync(s_timeout));
        await coalescer.AckAsync(2).WaitAsync(s_timeout);

        Assert.Contains(2UL, channel.Acked);
    }

    [Fact]
    public async Task DrainAsync_WithAcksQueued_CompletesOnlyAfterTheyAreSent()
    {
        var channel = new RecordingAckChannel();
        AckCoalescer coalescer = Create(channel, 1, 2);

        channel.HoldNextFrame();
        Task acks = Task.WhenAll(coalescer.AckAsync(1), coalescer.AckAsync(2));
        await channel.FrameHeld.WaitAsync(s_timeout);
        Task drained = coalescer.DrainAsync();
        await Task.Delay(50);
        Assert.False(drained.IsCompleted);

        channel.Release();
        await drained.WaitAsync(s_timeout);
        Assert.True(acks.IsCompletedSuccessfully);
        Assert.Empty(channel.Outstanding);
    }

    private static AckCoalescer Create(RecordingAckChannel channel, params ulong[] delivered)
    {
        channel.Deliver(delivered);
        var coalescer = new AckCoalescer(channel.AckAsync, channel.NackAsync);
        foreach (ulong tag in delivered)
        {
            coalescer.Received(tag);
        }

        return coalescer;
    }
}
