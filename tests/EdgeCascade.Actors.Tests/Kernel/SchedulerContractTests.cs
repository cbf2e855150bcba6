using System.Collections.Concurrent;
using EdgeCascade.Actors.Kernel;

namespace EdgeCascade.Actors.Tests.Kernel;

/// <summary>What every <see cref="IScheduler"/> must do; one subclass per implementation.</summary>
public abstract class SchedulerContractTests
{
    private static readonly long s_ms = TimeSpan.FromMilliseconds(1).ToNanoseconds();

    [Fact]
    public void ScheduleAt_DifferentTimes_RunInTimeOrder()
    {
        IScheduler scheduler = CreateScheduler();
        var trace = new ConcurrentQueue<string>();
        long start = scheduler.Clock.Now;

        scheduler.ScheduleAt(start + 30 * s_ms, () => trace.Enqueue("c"));
        scheduler.ScheduleAt(start + 10 * s_ms, () => trace.Enqueue("a"));
        scheduler.ScheduleAt(start + 20 * s_ms, () => trace.Enqueue("b"));
        RunUntil(scheduler, start + 40 * s_ms, () => trace.Count == 3);

        Assert.Equal(["a", "b", "c"], trace);
    }

    [Fact]
    public void ScheduleAt_SameTime_RunsByPriorityThenSchedulingOrder()
    {
        IScheduler scheduler = CreateScheduler();
        var trace = new ConcurrentQueue<string>();
        long due = scheduler.Clock.Now + 20 * s_ms;

        scheduler.ScheduleAt(due, () => trace.Enqueue("p1"), priority: 1);
        scheduler.ScheduleAt(due, () => trace.Enqueue("p0-first"));
        scheduler.ScheduleAt(due, () => trace.Enqueue("p-1"), priority: -1);
        scheduler.ScheduleAt(due, () => trace.Enqueue("p0-second"));
        RunUntil(scheduler, due, () => trace.Count == 4);

        Assert.Equal(["p-1", "p0-first", "p0-second", "p1"], trace);
    }

    [Fact]
    public void ScheduleAt_StateOverload_PassesStateAndRunsNoEarlierThanDue()
    {
        IScheduler scheduler = CreateScheduler();
        var seen = new ConcurrentQueue<(object? State, long At)>();
        long due = scheduler.Clock.Now + 15 * s_ms;

        scheduler.ScheduleAt(due, state => seen.Enqueue((state, scheduler.Clock.Now)), "payload");
        RunUntil(scheduler, due, () => !seen.IsEmpty);

        (object? state, long at) = Assert.Single(seen);
        Assert.Equal("payload", state);
        Assert.True(at >= due, $"ran at {at}, due {due}");
    }

    [Fact]
    public void ScheduleTellAt_Recipient_ReceivesMessageWithSender()
    {
        IScheduler scheduler = CreateScheduler();
        var recipient = new RecordingRef("recipient");
        var sender = new RecordingRef("sender");

        scheduler.ScheduleTellAt(scheduler.Clock.Now + 5 * s_ms, recipient, "hello", sender);
        RunUntil(scheduler, scheduler.Clock.Now + 5 * s_ms, () => !recipient.Received.IsEmpty);

        Assert.Equal(("hello", sender), Assert.Single(recipient.Received));
    }

    [Fact]
    public void ClockNow_AcrossScheduledEvents_NeverDecreases()
    {
        IScheduler scheduler = CreateScheduler();
        var readings = new ConcurrentQueue<long>();
        long start = scheduler.Clock.Now;
        for (int i = 1; i <= 5; i++)
        {
            scheduler.ScheduleAt(start + i * 3 * s_ms, () => readings.Enqueue(scheduler.Clock.Now));
        }

        RunUntil(scheduler, start + 15 * s_ms, () => readings.Count == 5);

        Assert.Equal(readings.Order(), readings);
        Assert.True(scheduler.Clock.Now >= start + 15 * s_ms);
    }

    private protected abstract IScheduler CreateScheduler();

    /// <summary>Lets the scheduler run until <paramref name="timeNs"/> and <paramref name="done"/> holds.</summary>
    private protected abstract void RunUntil(IScheduler scheduler, long timeNs, Func<bool> done);

    private sealed class RecordingRef(string name) : IActorRef
    {
        public ConcurrentQueue<(object Message, IActorRef? Sender)> Received { get; } = new();

        public string Name => name;

        public string Path => "/test/" + name;

        public void Tell(object message, IActorRef? sender = null) => Received.Enqueue((message, sender));
    }
}
