using System.IO.Hashing;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using EdgeCascade.Codec.Bitstreams;

namespace EdgeCascade.Codec.Tests.Imaging;

/// <summary>Test data access and a minimal chunk builder for hand-made PNGs.</summary>
internal static class PngTestFiles
{
    public static byte[] Load(string name) => File.ReadAllBytes(Path.Combine(s_testData.Value, name));

    // The files live next to the sources; search upwards from the test binaries so no copy step is needed.
    private static readonly Lazy<string> s_testData = new(() =>
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            foreach (string candidate in new[] { "Imaging/TestData", "tests/EdgeCascade.Codec.Tests/Imaging/TestData" })
            {
                string path = Path.Combine(directory.FullName, candidate);
                if (File.Exists(Path.Combine(path, "adam7.png")))
                {
                    return path;
                }
            }
        }

        throw new DirectoryNotFoundException("Imaging/TestData not found above " + AppContext.BaseDirectory);
    });

    /// <summary>A PNG with the given IHDR fields and raw (already filtered) scanlines.</summary>
    public static byte[] Build(int width, int height, byte bitDepth, byte colorType, byte[] scanlines, byte[]? palette = null)
    {
        using var output = new MemoryStream();
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)height);
        header[8] = bitDepth;
        header[9] = colorType;
        Chunk(output, "IHDR", header);
        if (palette is not null)
        {
            Chunk(output, "PLTE", palette);
        }

        using var compressed = new MemoryStream();
        using (var deflater = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            deflater.Write(scanlines);
        }

        Chunk(output, "IDAT", compressed.ToArray());
        Chunk(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>Recomputes every chunk CRC so that a mutation reaches the decoder behind the checksum.</summary>
    public static void FixChunkCrcs(byte[] png)
    {
        int position = 8;
        while (png.Length - position >= 12)
        {
            uint length = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(position));
            if (length > png.Length - position - 12)
            {
                return;
            }

            uint crc = Crc32.HashToUInt32(png.AsSpan(position + 4, 4 + (int)length));
            BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(position + 8 + (int)length), crc);
            position += 12 + (int)length;
        }
    }

    private static void Chunk(Stream output, string type, byte[] body)
    {
        var prefix = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(prefix, (uint)body.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(prefix, 4);
        output.Write(prefix);
        output.Write(body);
        var crc = new byte[4];
        var chunkCrc = new Crc32();
        chunkCrc.Append(prefix.AsSpan(4));
        chunkCrc.Append(body);
        BinaryPrimitives.WriteUInt32BigEndian(crc, chunkCrc.GetCurrentHashAsUInt32());
        output.Write(crc);
    }
}
