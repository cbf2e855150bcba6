using System.Text;
using EdgeCascade.Actors.Messages;
using EdgeCascade.Actors.Nodes;

namespace EdgeCascade.Simulation.Reports;

/// <summary>
/// Streams images.csv: one row per finished image (delivered or dropped), in completion order.
/// Columns: flow, image_id, sample, arrival_seconds, delivery_seconds, latency_seconds,
/// deadline_missed, hop_bits (semicolon-separated, path order), psnr_db, ms_ssim, dropped_reason, dropped_at.
/// Names are quoted as RFC 4180 says when they hold a comma, quote or line break.
/// </summary>
internal sealed class ImageCsvWriter : IDisposable
{
    public const string Header = "flow,image_id,sample,arrival_seconds,delivery_seconds,latency_seconds,deadline_missed,hop_bits,psnr_db,ms_ssim,dropped_reason,dropped_at";

    private readonly StreamWriter _writer;
    private readonly StringBuilder _line = new(160);

    public ImageCsvWriter(string path)
    {
        _writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16) { NewLine = "\n" };
        _writer.WriteLine(Header);
    }

    public void Write(FlowRoute route, ImageTrace image, bool deadlineMissed)
    {
        StringBuilder line = _line.Clear();
        line.Append(Formats.CsvField(route.Name)).Append(',')
            .Append(Formats.Integer(image.ImageId)).Append(',')
            .Append(Formats.Integer(image.SampleIndex)).Append(',')
            .Append(Formats.Seconds(image.ArrivalNs)).Append(',');
        if (image.DeliveredNs >= 0)
        {
            line.Append(Formats.Seconds(image.DeliveredNs)).Append(',')
                .Append(Formats.Seconds(image.LatencyNs)).Append(',')
                .Append(deadlineMissed ? "true" : "false").Append(',');
        }
        else
        {
            line.Append(",,,");
        }

        for (int i = 0; i < image.HopBits.Length; i++)
        {
            if (i > 0)
            {
                line.Append(';');
            }

            line.Append(Formats.Integer(image.HopBits[i]));
        }

        line.Append(',').Append(Formats.Number(image.PsnrDb))
            .Append(',').Append(Formats.Number(image.MsSsim))
            .Append(',').Append(image.DropReason == DropReason.None ? string.Empty : DropReasonName(image.DropReason))
            .Append(',').Append(Formats.CsvField(image.DroppedAt ?? string.Empty));
        _writer.WriteLine(line);
    }

    public static string DropReasonName(DropReason reason) => reason switch
    {
        DropReason.QueueFull => "queue_full",
        DropReason.Memory => "memory",
        DropReason.StageFailed => "stage_failed",
        _ => "none",
    };

    public void Dispose() => _writer.Dispose();
}
