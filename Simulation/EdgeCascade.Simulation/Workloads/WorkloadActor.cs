using EdgeCascade.Actors.Kernel;
using EdgeCascade.Actors.Messages;

namespace EdgeCascade.Simulation.Workloads;

/// <summary>
/// Generates one flow's images: at each arrival time it creates the image's <see cref="ImageTrace"/>,
/// picks which profiled image it stands for, and tells <see cref="ImageArrived"/> to the source node.
/// Only the next arrival is ever scheduled, so memory does not grow with the image count.
/// </summary>
public sealed class WorkloadActor : ReceiveActor
{
    private readonly WorkloadSettings _settings;
    private long _generated;
    private long _nextNs = -1;

    /// <summary>Creates the actor; use <see cref="Props"/> with ActorOf.</summary>
    public WorkloadActor(WorkloadSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        Generating();
    }

    /// <summary>Props for a workload built from <paramref name="settings"/>.</summary>
    public static Props Props(WorkloadSettings settings) => Actors.Kernel.Props.Create(() => new WorkloadActor(settings));

    /// <inheritdoc/>
    protected override void PreStart() => ScheduleNext();

    private void Generating() => Receive<ArrivalTick>(_ => OnArrival());

    private void Finished() => ReceiveAny(_ => { });

    private void OnArrival()
    {
        long now = Context.Clock.Now;
        int sample = _settings.SampleCount > 1 ? _settings.SampleRandom.NextInt(_settings.SampleCount) : 0;
        var image = new ImageTrace(_settings.Route.Index, _generated++, sample, now, _settings.Route.HopCount);
        _settings.Observer.OnArrived(image);
        _settings.Source.Tell(new ImageArrived(image), Self);
        ScheduleNext();
    }

    private void ScheduleNext()
    {
        long? next = _generated < _settings.ImageCount ? _settings.Arrivals.Next() : null;
        if (next is long time && (_settings.DurationNs is not long limit || time < limit))
        {
            // Arrival processes are non-decreasing, and never before now.
            _nextNs = Math.Max(time, Math.Max(_nextNs, Context.Clock.Now));
            Context.System.Scheduler.ScheduleTellAt(_nextNs, Self, ArrivalTick.Instance);
            return;
        }

        _settings.Observer.OnWorkloadFinished(_settings.Route.Index);
        Become(Finished);
    }

    /// <summary>The next arrival is due (self-message).</summary>
    private sealed record ArrivalTick
    {
        public static ArrivalTick Instance { get; } = new();
    }
}
