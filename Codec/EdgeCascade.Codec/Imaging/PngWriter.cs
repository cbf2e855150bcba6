using System.IO.Hashing;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using EdgeCascade.Codec.Bitstreams;

namespace EdgeCascade.Codec.Imaging;

/// <summary>
/// PNG encoder: 8-bit RGB, or 8-bit gray when asked. Each row takes the filter with the smallest sum of
/// absolute signed bytes (the usual libpng heuristic); zlib at <see cref="CompressionLevel.Optimal"/>.
/// </summary>
public static class PngWriter
{
    /// <summary>
    /// Encodes <paramref name="image"/>. With <paramref name="grayscale"/> the file is 8-bit gray holding
    /// the BT.601 luma <c>(299 R + 587 G + 114 B + 500) / 1000</c> (exact when R = G = B).
    /// </summary>
    public static byte[] ToBytes(RgbImage image, bool grayscale = false)
    {
        ArgumentNullException.ThrowIfNull(image);
        int channels = grayscale ? 1 : 3;
        int rowBytes = image.Width * channels;
        using var output = new MemoryStream();
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)image.Width);
        BinaryPrimitives.WriteUInt32BigEndian(header[4..], (uint)image.Height);
        header[8] = 8;
        header[9] = (byte)(grayscale ? 0 : 2);
        WriteChunk(output, "IHDR", header);

        using var compressed = new MemoryStream();
        using (var deflater = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            var previous = new byte[rowBytes];
            var current = new byte[rowBytes];
            var candidate = new byte[rowBytes + 1];
            var best = new byte[rowBytes + 1];
            ReadOnlySpan<byte> pixels = image.Pixels;
            for (int y = 0; y < image.Height; y++)
            {
                ReadOnlySpan<byte> source = pixels.Slice(3 * y * image.Width, 3 * image.Width);
                if (grayscale)
                {
                    for (int x = 0; x < image.Width; x++)
                    {
                        current[x] = (byte)(((299 * source[3 * x]) + (587 * source[(3 * x) + 1]) + (114 * source[(3 * x) + 2]) + 500) / 1000);
                    }
                }
                else
                {
                    source.CopyTo(current);
                }

                long bestCost = long.MaxValue;
                for (int filter = 0; filter <= 4; filter++)
                {
                    long cost = Filter(filter, current, previous, channels, candidate);
                    if (cost < bestCost)
                    {
                        bestCost = cost;
                        candidate.CopyTo(best, 0);
                    }
                }

                deflater.Write(best);
                (previous, current) = (current, previous);
            }
        }

        WriteChunk(output, "IDAT", compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>Encodes <paramref name="image"/> and writes it to <paramref name="destination"/>.</summary>
    public static void Write(RgbImage image, Stream destination, bool grayscale = false)
    {
        ArgumentNullException.ThrowIfNull(destination);
        destination.Write(ToBytes(image, grayscale));
    }

    // Filters 'row' into output[1..] with output[0] = filter type; returns the sum of |signed byte|.
    private static long Filter(int filter, ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int stride, Span<byte> output)
    {
        output[0] = (byte)filter;
        long cost = 0;
        for (int i = 0; i < row.Length; i++)
        {
            int left = i >= stride ? row[i - stride] : 0;
            int upLeft = i >= stride ? previous[i - stride] : 0;
            int predicted = filter switch
            {
                0 => 0,
                1 => left,
                2 => previous[i],
                3 => (left + previous[i]) >> 1,
                _ => PngScanlines.Paeth(left, previous[i], upLeft),
            };
            byte value = (byte)(row[i] - predicted);
            output[i + 1] = value;
            cost += Math.Abs((int)(sbyte)value);
        }

        return cost;
    }

    private static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> body)
    {
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(prefix, (uint)body.Length);
        Encoding.ASCII.GetBytes(type, prefix[4..]);
        output.Write(prefix);
        output.Write(body);
        var chunkCrc = new Crc32();
        chunkCrc.Append(prefix[4..]);
        chunkCrc.Append(body);
        uint crc = chunkCrc.GetCurrentHashAsUInt32();
        Span<byte> crcBytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crcBytes, crc);
        output.Write(crcBytes);
    }
}
