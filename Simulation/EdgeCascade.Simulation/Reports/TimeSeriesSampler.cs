using System.Text;
using EdgeCascade.Actors.Budgets;
using Akka.Actor;
using EdgeCascade.Actors.Timing;
using EdgeCascade.Simulation.Network;
using EdgeCascade.Topologies.Model;

namespace EdgeCascade.Simulation.Reports;

/// <summary>
/// Samples every node's GPU and every link at a fixed virtual-time interval into nodes.csv and
/// links.csv, and stops once the run has nothing left to do (so the scheduler can go idle).
/// </summary>
/// <remarks>
/// nodes.csv: time_seconds, node, gpu_busy_percent (over the interval just ended), running_jobs,
/// queue_length, memory_in_use_bytes. links.csv: time_seconds, link, utilization_percent (over the
/// interval), active_transfers, bytes (cumulative payload). Reads the budgets and link counters
/// directly: valid only on the single virtual-time thread. The engine owns (opens, heads, closes) the writers.
/// </remarks>
internal sealed class TimeSeriesSampler : UntypedActor, IWithTimers
{
    private readonly IReadOnlyList<(NodeSpec Node, GpuBudget Budget)> _nodes;
    private readonly IReadOnlyList<LinkStats> _links;
    private readonly RunRecorder _recorder;
    private readonly long _intervalNs;
    private readonly TextWriter _nodeWriter;
    private readonly TextWriter _linkWriter;
    private readonly double[] _nodeBusy;
    private readonly long[] _linkBusy;
    private readonly StringBuilder _line = new(128);
    private long _lastNs;

    public TimeSeriesSampler(
        IReadOnlyList<(NodeSpec Node, GpuBudget Budget)> nodes,
        IReadOnlyList<LinkStats> links,
        RunRecorder recorder,
        long intervalNs,
        TextWriter nodeWriter,
        TextWriter linkWriter)
    {
        _nodes = nodes;
        _links = links;
        _recorder = recorder;
        _intervalNs = intervalNs;
        _nodeBusy = new double[nodes.Count];
        _linkBusy = new long[links.Count];
        _nodeWriter = nodeWriter;
        _linkWriter = linkWriter;
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(
        IReadOnlyList<(NodeSpec Node, GpuBudget Budget)> nodes,
        IReadOnlyList<LinkStats> links,
        RunRecorder recorder,
        long intervalNs,
        TextWriter nodeWriter,
        TextWriter linkWriter) =>
        Akka.Actor.Props.Create(() => new TimeSeriesSampler(nodes, links, recorder, intervalNs, nodeWriter, linkWriter));

    /// <summary>Header line of nodes.csv.</summary>
    public const string NodesHeader = "time_seconds,node,gpu_busy_percent,running_jobs,queue_length,memory_in_use_bytes";

    /// <summary>Header line of links.csv.</summary>
    public const string LinksHeader = "time_seconds,link,utilization_percent,active_transfers,bytes";

    protected override void PreStart() => ScheduleNext();

    protected override void OnReceive(object message)
    {
        if (message is SampleTick)
        {
            OnSample();
        }
        else
        {
            Unhandled(message);
        }
    }

    private void OnSample()
    {
        long now = Context.System.Scheduler.NowNanoseconds();
        double interval = Math.Max(1, now - _lastNs);
        string time = Formats.Seconds(now);
        for (int i = 0; i < _nodes.Count; i++)
        {
            (NodeSpec node, GpuBudget budget) = _nodes[i];
            double busy = budget.BusySlotNanoseconds(now);
            double percent = Formats.Percent(busy - _nodeBusy[i], interval * budget.Concurrency);
            _nodeBusy[i] = busy;
            _line.Clear().Append(time).Append(',').Append(Formats.CsvField(node.Name)).Append(',')
                .Append(Formats.Number(percent)).Append(',')
                .Append(Formats.Integer(budget.Running)).Append(',')
                .Append(Formats.Integer(budget.QueueLength)).Append(',')
                .Append(Formats.Integer(budget.MemoryInUseBytes));
            _nodeWriter.WriteLine(_line);
        }

        for (int i = 0; i < _links.Count; i++)
        {
            LinkStats link = _links[i];
            long busy = link.BusyNanoseconds(now);
            double percent = Formats.Percent(busy - _linkBusy[i], interval);
            _linkBusy[i] = busy;
            _line.Clear().Append(time).Append(',').Append(Formats.CsvField(link.Spec.Name)).Append(',')
                .Append(Formats.Number(percent)).Append(',')
                .Append(Formats.Integer(link.ActiveTransfers(now))).Append(',')
                .Append(Formats.Integer(link.PayloadBits / 8));
            _linkWriter.WriteLine(_line);
        }

        _lastNs = now;
        if (_recorder.IsActive)
        {
            ScheduleNext();
        }
    }

    private void ScheduleNext() => Timers.StartSingleTimer(SampleTick.Instance, SampleTick.Instance, SchedulerTime.DelayUntil(_intervalNs, 0));

    /// <summary>The next sample is due (self-message).</summary>
    private sealed record SampleTick
    {
        public static SampleTick Instance { get; } = new();
    }
}
