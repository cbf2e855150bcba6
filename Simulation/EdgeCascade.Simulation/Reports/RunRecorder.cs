using EdgeCascade.Actors.Messages;
using EdgeCascade.Actors.Nodes;
using EdgeCascade.Simulation.Workloads;

namespace EdgeCascade.Simulation.Reports;

/// <summary>
/// Collects a run's per-flow results as images arrive, are delivered and are dropped, and streams
/// images.csv when an output directory is set. Memory is fixed per flow, whatever the image count.
/// </summary>
/// <remarks>Called by the node and workload actors on the single virtual-time thread.</remarks>
internal sealed class RunRecorder : INodeObserver, IWorkloadObserver, IDisposable
{
    private readonly FlowAccumulator[] _flows;
    private readonly ImageCsvWriter? _images;
    private int _activeWorkloads;

    public RunRecorder(IReadOnlyList<FlowRoute> routes, string? imagesCsvPath)
    {
        _flows = routes.Select(r => new FlowAccumulator(r)).ToArray();
        _activeWorkloads = _flows.Length;
        _images = imagesCsvPath is null ? null : new ImageCsvWriter(imagesCsvPath);
    }

    public IReadOnlyList<FlowAccumulator> Flows => _flows;

    public long Arrived { get; private set; }

    public long Finished { get; private set; }

    /// <summary>Latest arrival, delivery or drop time.</summary>
    public long LastActivityNs { get; private set; }

    /// <summary>True while a workload may still produce arrivals or an image is on its way.</summary>
    public bool IsActive => _activeWorkloads > 0 || Finished < Arrived;

    public void OnArrived(ImageTrace image)
    {
        _flows[image.FlowIndex].OnArrived();
        Arrived++;
        LastActivityNs = Math.Max(LastActivityNs, image.ArrivalNs);
    }

    public void OnWorkloadFinished(int flowIndex) => _activeWorkloads--;

    public void OnDelivered(ImageTrace image, long nowNs)
    {
        FlowAccumulator flow = _flows[image.FlowIndex];
        bool missed = flow.OnDelivered(image);
        Finished++;
        LastActivityNs = Math.Max(LastActivityNs, nowNs);
        _images?.Write(flow.Route, image, missed);
    }

    public void OnDropped(ImageTrace image, DropReason reason, string node, long nowNs)
    {
        FlowAccumulator flow = _flows[image.FlowIndex];
        flow.OnDropped(reason);
        Finished++;
        LastActivityNs = Math.Max(LastActivityNs, nowNs);
        _images?.Write(flow.Route, image, deadlineMissed: false);
    }

    public void Dispose() => _images?.Dispose();
}
