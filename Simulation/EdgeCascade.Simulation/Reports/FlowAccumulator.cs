using EdgeCascade.Actors.Messages;
using EdgeCascade.Actors.Nodes;

namespace EdgeCascade.Simulation.Reports;

/// <summary>Running totals of one flow (fixed memory, whatever the image count).</summary>
internal sealed class FlowAccumulator(FlowRoute route)
{
    private readonly double[] _hopBitSums = new double[route.HopCount];

    public FlowRoute Route { get; } = route;

    public long Arrived { get; private set; }

    public long Delivered { get; private set; }

    public long DroppedQueueFull { get; private set; }

    public long DroppedMemory { get; private set; }

    public long DroppedStageFailed { get; private set; }

    public long DeadlineMisses { get; private set; }

    public LatencyHistogram Latency { get; } = new();

    public double PsnrSum { get; private set; }

    public long PsnrCount { get; private set; }

    public double MsSsimSum { get; private set; }

    public long MsSsimCount { get; private set; }

    public long Finished => Delivered + DroppedQueueFull + DroppedMemory + DroppedStageFailed;

    public double HopMeanBits(int hop) => Delivered == 0 ? double.NaN : _hopBitSums[hop] / Delivered;

    public void OnArrived() => Arrived++;

    /// <summary>Counts a delivery; returns true when it missed the flow's deadline.</summary>
    public bool OnDelivered(ImageTrace image)
    {
        Delivered++;
        long latency = image.LatencyNs;
        Latency.Record(latency);
        for (int i = 0; i < _hopBitSums.Length; i++)
        {
            _hopBitSums[i] += image.HopBits[i];
        }

        if (!double.IsNaN(image.PsnrDb))
        {
            PsnrSum += image.PsnrDb;
            PsnrCount++;
        }

        if (!double.IsNaN(image.MsSsim))
        {
            MsSsimSum += image.MsSsim;
            MsSsimCount++;
        }

        bool missed = Route.DeadlineNs is long deadline && latency > deadline;
        if (missed)
        {
            DeadlineMisses++;
        }

        return missed;
    }

    public void OnDropped(DropReason reason)
    {
        switch (reason)
        {
            case DropReason.QueueFull:
                DroppedQueueFull++;
                break;
            case DropReason.Memory:
                DroppedMemory++;
                break;
            default:
                DroppedStageFailed++;
                break;
        }
    }
}
