using Akka.Actor;
using EdgeCascade.Actors.Messages;
using EdgeCascade.Actors.Nodes;
using EdgeCascade.Actors.Timing;

namespace EdgeCascade.Simulation.Workloads;

/// <summary>
/// Generates one source's images: at each arrival time it picks which profiled image the capture stands for, creates
/// one <see cref="ImageTrace"/> per flow of the source (per-flow results stay per flow), and tells one
/// <see cref="ImageArrived"/> to the source node, which encodes the image once for all of them.
/// Only the next arrival is ever scheduled, so memory does not grow with the image count.
/// </summary>
public sealed class WorkloadActor : UntypedActor, IWithTimers
{
    private readonly WorkloadSettings _settings;
    private long _generated;
    private long _nextNs = -1;
    private bool _finished;

    /// <summary>Creates the actor; use <see cref="Props"/> with ActorOf.</summary>
    public WorkloadActor(WorkloadSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
    }

    /// <inheritdoc/>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props for a workload built from <paramref name="settings"/>.</summary>
    public static Props Props(WorkloadSettings settings) => Akka.Actor.Props.Create(() => new WorkloadActor(settings));

    /// <inheritdoc/>
    protected override void PreStart() => ScheduleNext();

    /// <inheritdoc/>
    protected override void OnReceive(object message)
    {
        if (message is ArrivalTick && !_finished)
        {
            OnArrival();
        }
        else if (message is not ArrivalTick)
        {
            Unhandled(message);
        }
    }

    private void OnArrival()
    {
        long now = Context.System.Scheduler.NowNanoseconds();
        int sample = _settings.SampleCount > 1 ? _settings.SampleRandom.NextInt(_settings.SampleCount) : 0;
        long id = _generated++;
        IReadOnlyList<FlowRoute> routes = _settings.Routes;
        var image = new ImageTrace(routes[0].Index, id, sample, now, routes[0].HopCount);
        _settings.Observer.OnArrived(image);
        ImageTrace[]? riders = null;
        if (routes.Count > 1)
        {
            riders = new ImageTrace[routes.Count - 1];
            for (int i = 1; i < routes.Count; i++)
            {
                riders[i - 1] = new ImageTrace(routes[i].Index, id, sample, now, routes[i].HopCount);
                _settings.Observer.OnArrived(riders[i - 1]);
            }
        }

        _settings.Source.Tell(new ImageArrived(image, null, riders), Self);
        ScheduleNext();
    }

    private void ScheduleNext()
    {
        long? next = _generated < _settings.ImageCount ? _settings.Arrivals.Next() : null;
        if (next is long time && (_settings.DurationNs is not long limit || time < limit))
        {
            // Arrival processes are non-decreasing, and never before now.
            long now = Context.System.Scheduler.NowNanoseconds();
            _nextNs = Math.Max(time, Math.Max(_nextNs, now));
            Timers.StartSingleTimer(ArrivalTick.Instance, ArrivalTick.Instance, SchedulerTime.DelayUntil(_nextNs, now));
            return;
        }

        foreach (FlowRoute route in _settings.Routes)
        {
            _settings.Observer.OnWorkloadFinished(route.Index);
        }

        _finished = true;
    }

    /// <summary>The next arrival is due (timer message and key).</summary>
    private sealed record ArrivalTick
    {
        public static ArrivalTick Instance { get; } = new();
    }
}
