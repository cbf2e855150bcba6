using System.IO.Hashing;
using System.Buffers.Binary;
using EdgeCascade.Codec.Bitstreams;

namespace EdgeCascade.Codec.Cascade;

/// <summary>
/// A progressive (PCF) bitstream of the top-level latent: the hyper-latent stream and the first
/// <see cref="LayerStreams"/>.Count of the layout's layers, each its own rANS stream.
/// </summary>
/// <remarks>
/// Wire layout (varints unless noted):
/// <code>
/// header:   "ECP1" version family-id(len+UTF-8) level latent(c,h,w) hyper(c,h,w) image-h image-w pad-b pad-r
///           L step_0 .. step_{L-1}  CRC-32(header, uint32 LE)
/// segment:  length bytes CRC-32(bytes)      the hyper stream, then one segment per layer, coarsest first
/// </code>
/// The header and every segment carry their own checksum, so dropping trailing segments leaves a valid stream:
/// a relay truncates by cutting bytes (<see cref="Truncate(ReadOnlySpan{byte}, int)"/>) without entropy decoding,
/// and every truncation is a byte prefix of the source's stream.
/// </remarks>
public sealed record ProgressiveStream(
    string FamilyId,
    int Level,
    LatentShape LatentShape,
    LatentShape HyperShape,
    ImageGeometry Geometry,
    ProgressiveLayout Layout,
    ReadOnlyMemory<byte> HyperStream,
    IReadOnlyList<ReadOnlyMemory<byte>> LayerStreams)
{
    /// <summary>Current wire format version.</summary>
    public const byte FormatVersion = 1;

    private const string Format = "progressive stream";

    public static ReadOnlySpan<byte> Magic => "ECP1"u8;

    /// <summary>Layers present (≤ <see cref="ProgressiveLayout.Layers"/>).</summary>
    public int LayerCount => LayerStreams.Count;

    /// <summary>Bytes of the entropy-coded streams (hyper plus present layers), the counterpart of <see cref="CodedLatent.StreamBytes"/>.</summary>
    public int StreamBytes
    {
        get
        {
            int total = HyperStream.Length;
            foreach (ReadOnlyMemory<byte> layer in LayerStreams)
            {
                total += layer.Length;
            }

            return total;
        }
    }

    /// <summary>The same stream with only the first <paramref name="layers"/> layers.</summary>
    public ProgressiveStream Truncate(int layers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layers);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(layers, LayerCount);
        return this with { LayerStreams = LayerStreams.Take(layers).ToArray() };
    }

    /// <summary>Serialises the stream.</summary>
    public byte[] ToBytes()
    {
        FieldLimits.CheckHeader(FamilyId, Level, Geometry.Height, Geometry.Width, Geometry.PadBottom, Geometry.PadRight);
        FieldLimits.CheckShape(LatentShape, nameof(LatentShape));
        FieldLimits.CheckShape(HyperShape, nameof(HyperShape));
        if (LayerCount > Layout.Layers)
        {
            throw new InvalidOperationException($"stream has {LayerCount} layers but its layout {Layout} only {Layout.Layers}");
        }

        var writer = new PayloadWriter(128 + StreamBytes + (8 * (LayerCount + 1)));
        writer.WriteBytes(Magic);
        writer.WriteByte(FormatVersion);
        writer.WriteShortString(FamilyId, nameof(FamilyId));
        writer.WriteVarUInt((uint)Level);
        FieldLimits.WriteShape(writer, LatentShape);
        FieldLimits.WriteShape(writer, HyperShape);
        writer.WriteVarUInt((uint)Geometry.Height);
        writer.WriteVarUInt((uint)Geometry.Width);
        writer.WriteVarUInt((uint)Geometry.PadBottom);
        writer.WriteVarUInt((uint)Geometry.PadRight);
        writer.WriteVarUInt((uint)Layout.Layers);
        foreach (int step in Layout.Steps)
        {
            writer.WriteVarUInt((uint)step);
        }

        byte[] header = writer.FinishWithCrc();
        var output = new List<byte>(header.Length + StreamBytes + (8 * (LayerCount + 1)));
        output.AddRange(header);
        AppendSegment(output, HyperStream.Span);
        foreach (ReadOnlyMemory<byte> layer in LayerStreams)
        {
            AppendSegment(output, layer.Span);
        }

        return [.. output];
    }

    /// <summary>Parses and checks a stream (header, every segment's checksum, no trailing partial segment).</summary>
    /// <exception cref="BitstreamException">Not a progressive stream, corrupt, or cut inside a segment.</exception>
    public static ProgressiveStream Parse(ReadOnlySpan<byte> data, string? expectedFamily = null)
    {
        ProgressiveStream header = ParseHeader(data, out int position);
        BitstreamFrame.CheckFamily(header.FamilyId, expectedFamily, Format);
        ReadOnlyMemory<byte> hyper = ReadSegment(data, ref position, "hyper stream", verify: true);
        var layers = new List<ReadOnlyMemory<byte>>();
        while (position < data.Length)
        {
            if (layers.Count == header.Layout.Layers)
            {
                throw new BitstreamException(
                    $"corrupt {Format}: {data.Length - position} bytes after the last of {header.Layout.Layers} layers; re-send it");
            }

            layers.Add(ReadSegment(data, ref position, $"layer {layers.Count}", verify: true));
        }

        return header with { HyperStream = hyper, LayerStreams = layers };
    }

    /// <summary>
    /// What a relay does: keeps the header, the hyper stream and the first <paramref name="layers"/> layers of a
    /// serialised stream, reading only segment lengths (no entropy decoding, no checksum work).
    /// </summary>
    /// <exception cref="BitstreamException">The stream is malformed or has fewer than <paramref name="layers"/> layers.</exception>
    public static byte[] Truncate(ReadOnlySpan<byte> data, int layers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layers);
        _ = ParseHeader(data, out int position);
        _ = ReadSegment(data, ref position, "hyper stream", verify: false);
        for (int i = 0; i < layers; i++)
        {
            if (position >= data.Length)
            {
                throw new BitstreamException($"{Format} carries {i} layers, cannot keep {layers}; a relay cannot add layers");
            }

            _ = ReadSegment(data, ref position, $"layer {i}", verify: false);
        }

        return data[..position].ToArray();
    }

    private static ProgressiveStream ParseHeader(ReadOnlySpan<byte> data, out int position)
    {
        BitstreamFrame.CheckHeader(data, Magic, FormatVersion, Format);
        var reader = new PayloadReader(data, Format);
        reader.ReadBytes(BitstreamFrame.HeaderSize, "header");
        string family = reader.ReadShortString("family id");
        int level = reader.ReadVarInt("level", 1, FieldLimits.MaxLevel);
        LatentShape latent = FieldLimits.ReadShape(ref reader, "latent shape");
        LatentShape hyper = FieldLimits.ReadShape(ref reader, "hyper shape");
        int height = reader.ReadVarInt("image height", 1, FieldLimits.MaxImageSide);
        int width = reader.ReadVarInt("image width", 1, FieldLimits.MaxImageSide);
        int padBottom = reader.ReadVarInt("pad bottom", 0, FieldLimits.MaxPadding);
        int padRight = reader.ReadVarInt("pad right", 0, FieldLimits.MaxPadding);
        int layerCount = reader.ReadVarInt("layer count", 1, ProgressiveLayout.MaxLayers);
        var steps = new int[layerCount];
        for (int i = 0; i < steps.Length; i++)
        {
            steps[i] = reader.ReadVarInt("layer step", 1, ProgressiveLayout.MaxStep);
        }

        int headerEnd = reader.Position;
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(reader.ReadBytes(BitstreamFrame.CrcSize, "header checksum"));
        uint computed = Crc32.HashToUInt32(data[..headerEnd]);
        if (stored != computed)
        {
            throw new BitstreamException($"corrupt {Format}: header CRC-32 mismatch (stored {stored:x8}, computed {computed:x8}); re-send it");
        }

        if (!ProgressiveLayout.TryValidate(steps, out string? error))
        {
            throw new BitstreamException($"corrupt {Format}: {error}");
        }

        position = reader.Position;
        var geometry = new ImageGeometry(height, width, padBottom, padRight);
        return new ProgressiveStream(family, level, latent, hyper, geometry, ProgressiveLayout.Create(steps), ReadOnlyMemory<byte>.Empty, []);
    }

    private static ReadOnlyMemory<byte> ReadSegment(ReadOnlySpan<byte> data, ref int position, string field, bool verify)
    {
        var reader = new PayloadReader(data[position..], Format);
        ReadOnlySpan<byte> bytes = reader.ReadBlock(field);
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(reader.ReadBytes(BitstreamFrame.CrcSize, field + " checksum"));
        if (verify && Crc32.HashToUInt32(bytes) != stored)
        {
            throw new BitstreamException($"corrupt {Format}: CRC-32 mismatch in {field}; the data was damaged, re-send it");
        }

        position += reader.Position;
        return bytes.ToArray();
    }

    private static void AppendSegment(List<byte> output, ReadOnlySpan<byte> bytes)
    {
        uint length = (uint)bytes.Length;
        while (length >= 0x80)
        {
            output.Add((byte)(length | 0x80));
            length >>= 7;
        }

        output.Add((byte)length);
        output.AddRange(bytes);
        Span<byte> crc = stackalloc byte[BitstreamFrame.CrcSize];
        BinaryPrimitives.WriteUInt32LittleEndian(crc, Crc32.HashToUInt32(bytes));
        output.AddRange(crc);
    }
}
