using EdgeCascade.Actors.Kernel;

namespace EdgeCascade.Actors.Tests.Kernel;

public sealed class VirtualTimeSchedulerTests
{
    [Fact]
    public void RunUntilIdle_EventsAtDifferentTimesPrioritiesAndSequences_RunInKeyOrder()
    {
        var scheduler = new VirtualTimeScheduler();
        var trace = new List<string>();
        scheduler.ScheduleAt(20, () => trace.Add("t20"));
        scheduler.ScheduleAt(10, () => trace.Add("t10-p1"), priority: 1);
        scheduler.ScheduleAt(10, () => trace.Add("t10-p0-a"));
        scheduler.ScheduleAt(10, () => trace.Add("t10-p-1"), priority: -1);
        scheduler.ScheduleAt(10, () => trace.Add("t10-p0-b"));
        scheduler.ScheduleAt(0, () => trace.Add("t0"));

        scheduler.RunUntilIdle();

        Assert.Equal(["t0", "t10-p-1", "t10-p0-a", "t10-p0-b", "t10-p1", "t20"], trace);
        Assert.Equal(20, scheduler.Now);
        Assert.Equal(6, scheduler.ProcessedEvents);
    }

    [Fact]
    public void RunNext_EventsScheduledNowFromInsideAnEvent_InterleaveWithEarlierHeapEventsBySequence()
    {
        var scheduler = new VirtualTimeScheduler();
        var trace = new List<string>();
        scheduler.ScheduleAt(5, () =>
        {
            trace.Add("first");
            scheduler.ScheduleAt(5, () => trace.Add("now-p0"));
            scheduler.ScheduleAt(5, () => trace.Add("now-p-1"), priority: -1);
        });
        scheduler.ScheduleAt(5, () => trace.Add("heap-p0-earlier"));
        scheduler.ScheduleAt(5, () => trace.Add("heap-p2"), priority: 2);

        scheduler.RunUntilIdle();

        Assert.Equal(["first", "now-p-1", "heap-p0-earlier", "now-p0", "heap-p2"], trace);
    }

    [Fact]
    public void RunUntil_EventsBeyondLimit_StayPendingAndClockEndsAtLimit()
    {
        var scheduler = new VirtualTimeScheduler();
        int ran = 0;
        scheduler.ScheduleAt(100, () => ran++);
        scheduler.ScheduleAt(300, () => ran++);

        long count = scheduler.RunUntil(200);

        Assert.Equal(1, count);
        Assert.Equal(1, ran);
        Assert.Equal(200, scheduler.Now);
        Assert.Equal(1, scheduler.PendingEvents);
        Assert.Equal(300, scheduler.NextEventTime);
    }

    [Fact]
    public void Advance_Duration_MovesClockByDurationInNanoseconds()
    {
        var scheduler = new VirtualTimeScheduler();

        scheduler.Advance(TimeSpan.FromMilliseconds(1.5));

        Assert.Equal(1_500_000, scheduler.Now);
    }

    [Fact]
    public void ScheduleAt_TimeInThePast_Throws()
    {
        var scheduler = new VirtualTimeScheduler();
        scheduler.RunUntil(1000);

        Assert.Throws<ArgumentOutOfRangeException>(() => scheduler.ScheduleAt(999, () => { }));
    }

    [Fact]
    public void RequestStop_CalledFromAnEvent_RunReturnsWithLaterEventsPending()
    {
        var scheduler = new VirtualTimeScheduler();
        scheduler.ScheduleAt(1, scheduler.RequestStop);
        scheduler.ScheduleAt(2, () => { });

        scheduler.RunUntilIdle();

        Assert.Equal(1, scheduler.Now);
        Assert.Equal(1, scheduler.PendingEvents);
    }

    [Fact]
    public void ScheduleAt_StateOverload_PassesState()
    {
        var scheduler = new VirtualTimeScheduler();
        var seen = new List<object?>();
        scheduler.ScheduleAt(7, static s => ((List<object?>)((object[])s!)[0]).Add(((object[])s!)[1]), new object[] { seen, "x" });

        scheduler.RunUntilIdle();

        Assert.Equal(["x"], seen);
    }

    [Fact]
    public void RunUntilIdle_ManyEventsBeyondRingCapacity_KeepsFifoOrder()
    {
        var scheduler = new VirtualTimeScheduler();
        var trace = new List<int>();
        for (int i = 0; i < 5000; i++)
        {
            int value = i;
            scheduler.ScheduleAt(0, () => trace.Add(value));
        }

        scheduler.RunUntilIdle();

        Assert.Equal(Enumerable.Range(0, 5000), trace);
    }
}
