using System.Globalization;
using System.Text;

namespace EdgeCascade.Topologies.Hocon;

/// <summary>
/// Reads configuration files with a size limit. Topologies is a leaf library and cannot use the codec's SafeFile,
/// so this is the HOCON reader's own bounded read; the limit comes from <see cref="HoconLoadOptions.MaxFileBytes"/>.
/// </summary>
internal static class HoconFileReader
{
    /// <summary>The text of <paramref name="fullPath"/> (UTF-8 unless a byte-order mark says otherwise).</summary>
    /// <exception cref="IOException">Unreadable, a directory, or larger than <paramref name="maxBytes"/> (the message says which).</exception>
    public static string Read(string fullPath, long maxBytes)
    {
        if (Directory.Exists(fullPath))
        {
            throw new IOException("it is a directory, not a file");
        }

        using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read);
        // The length of a device or pipe is unknown (0), so the limit is enforced while reading.
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new IOException(string.Create(CultureInfo.InvariantCulture,
                    $"it is larger than {maxBytes / (double)(1 << 20):0.#} MiB, the limit for a configuration file; check that it is the right file"));
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        using var reader = new StreamReader(buffer, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
