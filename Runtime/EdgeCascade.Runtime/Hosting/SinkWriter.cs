using System.Globalization;
using EdgeCascade.Codec.Imaging;
using EdgeCascade.Runtime.Transport;

namespace EdgeCascade.Runtime.Hosting;

/// <summary>
/// A sink's output folder: <c>&lt;flow&gt;/&lt;image id&gt;.png</c> reconstructions and one <c>deliveries.csv</c>
/// (flow, image_id, latency_seconds, bpp, psnr_db), plus the de-duplication that makes at-least-once delivery
/// look exactly-once to the user. Thread-safe.
/// </summary>
/// <remarks>
/// The CSV is the durable record of what the user has: on start every (flow, image id) already in it is fed to the
/// <see cref="SinkDeduplicator"/>, so a redelivery after a sink restart is still recognised. A row is appended
/// (and flushed) only after its PNG is written, and the message is acked only after the row is written.
/// </remarks>
public sealed class SinkWriter : IDisposable
{
    /// <summary>The CSV file name inside the output folder.</summary>
    public const string CsvFileName = "deliveries.csv";

    private const string Header = "flow,image_id,latency_seconds,bpp,psnr_db";
    private readonly SinkDeduplicator _deduplicator;
    private readonly StreamWriter _csv;
    private readonly Lock _gate = new();
    private readonly bool _writeImages;
    private long _written;

    public SinkWriter(string directory, bool writeImages = true, int deduplicationCapacity = 1_000_000)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Directory);
        _writeImages = writeImages;
        _deduplicator = new SinkDeduplicator(deduplicationCapacity);
        CsvPath = Path.Combine(Directory, CsvFileName);
        bool exists = File.Exists(CsvPath) && new FileInfo(CsvPath).Length > 0;
        if (exists)
        {
            foreach (SinkRecord record in ReadCsv(CsvPath))
            {
                _deduplicator.TryAccept(record.Flow, record.ImageId);
            }
        }

        _csv = new StreamWriter(new FileStream(CsvPath, FileMode.Append, FileAccess.Write, FileShare.Read));
        if (!exists)
        {
            _csv.WriteLine(Header);
            _csv.Flush();
        }
    }

    public string Directory { get; }

    public string CsvPath { get; }

    /// <summary>Rows written by this writer (not counting rows found at start).</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Duplicates turned away.</summary>
    public long Duplicates => _deduplicator.DuplicateCount;

    /// <summary>True when (flow, image) is already delivered; the caller acks and drops it.</summary>
    public bool IsDelivered(string flow, long imageId) => _deduplicator.Contains(flow, imageId);

    /// <summary>
    /// Delivers one image: false (nothing written) when it was delivered before. Throws when writing fails; the key is
    /// then forgotten so the redelivered copy is accepted.
    /// </summary>
    /// <remarks>
    /// A null <paramref name="reconstruction"/> (codec bypassed) writes the CSV row only; NaN bits per pixel or PSNR
    /// leave the field empty.
    /// </remarks>
    public bool TryWrite(string flow, long imageId, RgbImage? reconstruction, double latencySeconds, double bitsPerPixel, double psnrDb)
    {
        ArgumentNullException.ThrowIfNull(flow);
        if (!_deduplicator.TryAccept(flow, imageId))
        {
            return false;
        }

        try
        {
            string? path = null;
            if (_writeImages && reconstruction is not null)
            {
                string folder = Path.Combine(Directory, Sanitize(flow));
                System.IO.Directory.CreateDirectory(folder);
                path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{imageId:D6}.png"));
                ImageFile.Write(path, reconstruction);
            }

            string row = string.Create(
                CultureInfo.InvariantCulture,
                $"{flow},{imageId},{latencySeconds:0.######},{(double.IsNaN(bitsPerPixel) ? string.Empty : bitsPerPixel.ToString("0.######", CultureInfo.InvariantCulture))},{(double.IsNaN(psnrDb) ? string.Empty : psnrDb.ToString("0.####", CultureInfo.InvariantCulture))}");
            lock (_gate)
            {
                _csv.WriteLine(row);
                _csv.Flush();
            }

            Interlocked.Increment(ref _written);
            return true;
        }
        catch
        {
            _deduplicator.Forget(flow, imageId);
            throw;
        }
    }

    /// <summary>The rows of a deliveries.csv.</summary>
    public static IReadOnlyList<SinkRecord> ReadCsv(string path)
    {
        var records = new List<SinkRecord>();
        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            string[] parts = line.Split(',');
            if (parts.Length < 5 || parts[0] == "flow" || !long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out long id))
            {
                continue; // header, or a row cut short by a crash mid-write
            }

            records.Add(new SinkRecord(
                parts[0],
                id,
                Parse(parts[2]),
                parts[3].Length == 0 ? double.NaN : Parse(parts[3]),
                parts[4].Length == 0 ? double.NaN : Parse(parts[4]),
                null));
        }

        return records;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _csv.Dispose();
        }
    }

    private static double Parse(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value : double.NaN;

    private static string Sanitize(string name)
    {
        char[] invalid = Path.GetInvalidFileNameChars();
        return new string(name.Select(c => invalid.Contains(c) ? '_' : c).ToArray());
    }
}
