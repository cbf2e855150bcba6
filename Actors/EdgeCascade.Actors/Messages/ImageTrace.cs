namespace EdgeCascade.Actors.Messages;

/// <summary>
/// The accounting of one image of one flow as it travels its path: when it arrived, the bits each
/// hop carried, and how it ended (delivered with a quality, or dropped where and why).
/// </summary>
/// <remarks>
/// Created by the workload at the source and carried by reference inside <see cref="ImageArrived"/>
/// and <see cref="HopTransfer"/>; each field is written by the one node or link that owns that step,
/// on its own turn, so no two actors write it at once. A transport between processes serializes it
/// with the payload.
/// </remarks>
public sealed class ImageTrace
{
    /// <param name="flowIndex">Index of the flow in the topology's flow list.</param>
    /// <param name="imageId">Sequence number of the image within its flow, from 0.</param>
    /// <param name="sampleIndex">Which image of the image set (or profile) this arrival stands for.</param>
    /// <param name="arrivalNs">Clock time the image appeared at the source, ns.</param>
    /// <param name="hopCount">Number of hops on the flow's path.</param>
    public ImageTrace(int flowIndex, long imageId, int sampleIndex, long arrivalNs, int hopCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(flowIndex);
        ArgumentOutOfRangeException.ThrowIfNegative(hopCount);
        FlowIndex = flowIndex;
        ImageId = imageId;
        SampleIndex = sampleIndex;
        ArrivalNs = arrivalNs;
        HopBits = new long[hopCount];
    }

    /// <summary>Index of the flow in the topology's flow list.</summary>
    public int FlowIndex { get; }

    /// <summary>Sequence number of the image within its flow.</summary>
    public long ImageId { get; }

    /// <summary>Which image of the image set this arrival stands for (profile fidelity samples it).</summary>
    public int SampleIndex { get; }

    /// <summary>Clock time the image appeared at the source, ns.</summary>
    public long ArrivalNs { get; }

    /// <summary>Bits sent over each hop, in path order (0 until the hop is sent).</summary>
    public long[] HopBits { get; }

    /// <summary>Clock time the destination finished decoding, ns; -1 while undelivered.</summary>
    public long DeliveredNs { get; set; } = -1;

    /// <summary>PSNR of the delivered image in dB, NaN if unknown or undelivered.</summary>
    public double PsnrDb { get; set; } = double.NaN;

    /// <summary>MS-SSIM of the delivered image, NaN if unknown or undelivered.</summary>
    public double MsSsim { get; set; } = double.NaN;

    /// <summary>Why the image was dropped, or <see cref="DropReason.None"/>.</summary>
    public DropReason DropReason { get; set; }

    /// <summary>Node that dropped the image, or null.</summary>
    public string? DroppedAt { get; set; }

    /// <summary>Clock time the image was dropped, ns; -1 if not dropped.</summary>
    public long DroppedNs { get; set; } = -1;

    /// <summary>End-to-end latency in ns once delivered, else -1.</summary>
    public long LatencyNs => DeliveredNs < 0 ? -1 : DeliveredNs - ArrivalNs;
}
