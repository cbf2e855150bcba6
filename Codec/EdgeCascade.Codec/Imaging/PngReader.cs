using System.IO.Hashing;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using EdgeCascade.Codec.Bitstreams;

namespace EdgeCascade.Codec.Imaging;

/// <summary>
/// PNG decoder to <see cref="RgbImage"/>: gray (1-16 bit), gray+alpha, RGB, RGBA (8/16 bit) and palette
/// (1-8 bit); all five row filters; Adam7 interlacing. Every chunk CRC is checked. Alpha and tRNS are
/// ignored (the codec codes RGB only); other ancillary chunks are skipped.
/// </summary>
public static class PngReader
{
    private const long MaxInflateRatio = 1032;

    private static readonly byte[] s_signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    // Adam7 passes: x start, y start, x step, y step.
    private static readonly (int X, int Y, int Dx, int Dy)[] s_adam7 =
        [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];

    /// <summary>True when <paramref name="data"/> starts with the PNG signature.</summary>
    public static bool HasSignature(ReadOnlySpan<byte> data) => data.StartsWith(s_signature);

    /// <summary>Decodes a whole PNG file.</summary>
    /// <exception cref="ImageFormatException">The data is not a PNG, is damaged or truncated, or is unsupported.</exception>
    public static RgbImage Read(ReadOnlySpan<byte> data)
    {
        if (!HasSignature(data))
        {
            throw new ImageFormatException("not a PNG file: the 8-byte PNG signature is missing");
        }

        PngHeader? header = null;
        byte[] palette = [];
        using var compressed = new MemoryStream();
        int position = s_signature.Length;
        bool ended = false;
        while (!ended)
        {
            if (data.Length - position < 12)
            {
                throw new ImageFormatException($"truncated PNG: file ends at byte {data.Length} before the IEND chunk");
            }

            uint length = BinaryPrimitives.ReadUInt32BigEndian(data[position..]);
            ReadOnlySpan<byte> type = data.Slice(position + 4, 4);
            string typeName = Encoding.ASCII.GetString(type);
            if (length > int.MaxValue || length > data.Length - position - 12)
            {
                throw new ImageFormatException(
                    $"truncated PNG: chunk '{typeName}' at byte {position} declares {length} bytes but only {data.Length - position - 12} remain");
            }

            ReadOnlySpan<byte> body = data.Slice(position + 8, (int)length);
            uint storedCrc = BinaryPrimitives.ReadUInt32BigEndian(data[(position + 8 + (int)length)..]);
            if (Crc32.HashToUInt32(data.Slice(position + 4, 4 + (int)length)) != storedCrc)
            {
                throw new ImageFormatException($"corrupt PNG: CRC mismatch in chunk '{typeName}' at byte {position}");
            }

            position += 12 + (int)length;
            if (header is null && typeName != "IHDR")
            {
                throw new ImageFormatException($"corrupt PNG: first chunk is '{typeName}', expected IHDR");
            }

            switch (typeName)
            {
                case "IHDR":
                    if (header is not null)
                    {
                        throw new ImageFormatException("corrupt PNG: more than one IHDR chunk");
                    }

                    header = PngHeader.Parse(body);
                    break;
                case "PLTE":
                    if (length == 0 || length % 3 != 0 || length > 768)
                    {
                        throw new ImageFormatException($"corrupt PNG: PLTE has {length} bytes, expected a multiple of 3 up to 768");
                    }

                    palette = body.ToArray();
                    break;
                case "IDAT":
                    compressed.Write(body);
                    break;
                case "IEND":
                    ended = true;
                    break;
                default:
                    if ((type[0] & 0x20) == 0)
                    {
                        throw new ImageFormatException($"unsupported PNG: critical chunk '{typeName}' is not understood");
                    }

                    break;
            }
        }

        PngHeader h = header!.Value;
        if (h.ColorType == PngHeader.Palette && palette.Length == 0)
        {
            throw new ImageFormatException("corrupt PNG: palette image without a PLTE chunk");
        }

        if (compressed.Length == 0)
        {
            throw new ImageFormatException("corrupt PNG: no IDAT chunk");
        }

        // Deflate expands at most about 1032:1, so a header promising far more pixels than the data can hold
        // is rejected before the pixel buffer is allocated.
        long rawBytes = RawSize(h);
        if (rawBytes > (compressed.Length * MaxInflateRatio) + 1024)
        {
            throw new ImageFormatException(
                $"truncated PNG: {compressed.Length} bytes of image data cannot hold a {h.Width}x{h.Height} image");
        }

        compressed.Position = 0;
        return Decode(h, compressed, palette);
    }

    /// <summary>Reads and decodes a PNG file from disk.</summary>
    public static RgbImage ReadFile(string path) => Read(File.ReadAllBytes(path));

    private static long RawSize(in PngHeader header)
    {
        long total = 0;
        int passes = header.Interlaced ? s_adam7.Length : 1;
        for (int p = 0; p < passes; p++)
        {
            (int xStart, int yStart, int xStep, int yStep) = header.Interlaced ? s_adam7[p] : (0, 0, 1, 1);
            int passWidth = (header.Width - xStart + xStep - 1) / xStep;
            int passHeight = (header.Height - yStart + yStep - 1) / yStep;
            if (passWidth > 0 && passHeight > 0)
            {
                total += passHeight * (1 + header.RowBytes(passWidth));
            }
        }

        return total;
    }

    private static RgbImage Decode(in PngHeader header, Stream compressed, byte[] palette)
    {
        var rgb = new byte[RgbImage.CheckedSize(header.Width, header.Height)];
        using var inflater = new ZLibStream(compressed, CompressionMode.Decompress);
        int passes = header.Interlaced ? s_adam7.Length : 1;
        for (int p = 0; p < passes; p++)
        {
            (int xStart, int yStart, int xStep, int yStep) = header.Interlaced ? s_adam7[p] : (0, 0, 1, 1);
            int passWidth = (header.Width - xStart + xStep - 1) / xStep;
            int passHeight = (header.Height - yStart + yStep - 1) / yStep;
            if (passWidth <= 0 || passHeight <= 0)
            {
                continue;
            }

            int rowBytes = (int)header.RowBytes(passWidth);
            var previous = new byte[rowBytes];
            var current = new byte[rowBytes + 1];
            for (int r = 0; r < passHeight; r++)
            {
                ReadExactly(inflater, current);
                Span<byte> row = current.AsSpan(1);
                PngScanlines.Unfilter(current[0], row, previous, header.FilterStride);
                PngScanlines.ConvertRow(header, row, passWidth, palette, rgb, yStart + (r * yStep), xStart, xStep);
                row.CopyTo(previous);
            }
        }

        return new RgbImage(header.Width, header.Height, rgb);
    }

    private static void ReadExactly(Stream inflater, Span<byte> buffer)
    {
        try
        {
            int total = 0;
            while (total < buffer.Length)
            {
                int read = inflater.Read(buffer[total..]);
                if (read == 0)
                {
                    throw new ImageFormatException("truncated PNG: compressed image data ends before the last row");
                }

                total += read;
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new ImageFormatException($"corrupt PNG: image data does not inflate ({e.Message})", e);
        }
    }
}
