using EdgeCascade.Actors.Kernel;

namespace EdgeCascade.Actors.Tests.Kernel;

public sealed class EventHeapTests
{
    [Fact]
    public void Pop_RandomInterleavedPushesAndPops_MatchesSortedReference()
    {
        var random = new Random(3);
        var heap = new EventHeap();
        var reference = new SortedSet<(long Time, int Priority, long Sequence)>();
        var popped = new List<(long, int, long)>();
        long sequence = 0;
        long floor = 0;
        for (int step = 0; step < 20_000; step++)
        {
            if (heap.Count == 0 || random.Next(3) > 0)
            {
                // Never earlier than the last pop, as the scheduler guarantees.
                long time = floor + random.Next(50);
                int priority = random.Next(-3, 4);
                long seq = sequence++;
                heap.Push(new EventKey(time, priority, seq), new ScheduledEvent(ScheduledEventKind.Action, (Action)(() => popped.Add((time, priority, seq)))));
                reference.Add((time, priority, seq));
            }
            else
            {
                Assert.True(heap.TryPeek(out long peekTime, out _));
                heap.Pop().Run();
                (long Time, int Priority, long Sequence) expected = reference.Min;
                reference.Remove(expected);
                Assert.Equal(expected, popped[^1]);
                Assert.Equal(expected.Time, peekTime);
                floor = expected.Time;
            }
        }
    }

    [Theory]
    [InlineData(EventKey.MinPriority)]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(EventKey.MaxPriority)]
    public void EventKey_PackedPriorityAndSequence_RoundTrip(int priority)
    {
        var key = new EventKey(123, priority, 456);

        Assert.Equal(priority, key.Priority);
        Assert.Equal(456, key.Sequence);
        Assert.Equal(123, key.Time);
    }

    [Fact]
    public void EventKey_CompareTo_OrdersByTimeThenPriorityThenSequence()
    {
        EventKey[] keys =
        [
            new(2, -5, 0),
            new(1, 1, 0),
            new(1, -1, 9),
            new(1, 0, 3),
            new(1, 0, 2),
            new(1, EventKey.MinPriority, 10),
        ];

        EventKey[] sorted = [.. keys.Order()];

        Assert.Equal([(1L, EventKey.MinPriority, 10L), (1, -1, 9), (1, 0, 2), (1, 0, 3), (1, 1, 0), (2, -5, 0)], sorted.Select(k => (k.Time, k.Priority, k.Sequence)));
    }

    [Fact]
    public void ScheduleAt_PriorityOutsidePackedRange_Throws()
    {
        var scheduler = new VirtualTimeScheduler();

        Assert.Throws<ArgumentOutOfRangeException>(() => scheduler.ScheduleAt(1, () => { }, EventKey.MaxPriority + 1));
    }
}
