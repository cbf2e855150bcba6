using System.IO.Hashing;
using System.Buffers.Binary;
using System.Text;
using Akka.Actor;
using Akka.Serialization;
using EdgeCascade.Codec.Bitstreams;
using EdgeCascade.Runtime.Clustering;
using EdgeCascade.Runtime.Transport;
using Envelope = EdgeCascade.Runtime.Transport.Envelope;

namespace EdgeCascade.Runtime.Serialization;

/// <summary>
/// Akka serializer for <see cref="LatentFrame"/>: a fixed little-endian header, the envelope, the payload and a
/// CRC-32 trailer over everything before it.
/// </summary>
/// <remarks>
/// <para>Why not Hyperion: the probe measured 2.0 us per 16 KiB round trip for a hand-written serializer against
/// 7.5 us for Hyperion, and this format is versioned (a node of another version fails with a clear message instead
/// of mis-reading fields), checksummed end to end, and size-limited before any allocation.</para>
/// <para>Layout (version 2): magic "ECLF" (4), version (1), reserved (3), message id (16), image id (8), hop (4),
/// level (4), created-at UTC ticks (8), created-at offset minutes (2), payload CRC-32 from the envelope (4),
/// flow id (2 + UTF-8), policy (2 + UTF-8), rider flow count (2), each rider flow id (2 + UTF-8), payload length (4),
/// payload, CRC-32 of all preceding bytes (4). Version 1 is the same without the rider flows (one flow per payload);
/// it is still read, so a durable source queue written before the upgrade is recovered, never cut off.</para>
/// </remarks>
public sealed class LatentFrameSerializer : Serializer
{
    /// <summary>The serializer id on the wire (user ids start above 100; this one is ours).</summary>
    public const int Id = 7401;

    /// <summary>The config key our generated Akka config sets to the largest payload a frame may carry.</summary>
    public const string MaxPayloadConfigKey = "edgecascade.max-payload-bytes";

    internal const byte Version = 2;

    /// <summary>The version before rider flows; read, never written.</summary>
    internal const byte VersionOneFlow = 1;

    /// <summary>Most flows besides the first one a frame may carry (a source's flows; far above any real topology).</summary>
    public const int MaxRiderFlows = 1024;
    private const uint Magic = 0x464C4345; // "ECLF" read little-endian
    private const int FixedHeader = 4 + 1 + 3 + 16 + 8 + 4 + 4 + 8 + 2 + 4;

    private readonly int _maxPayloadBytes;

    public LatentFrameSerializer(ExtendedActorSystem system)
        : base(system)
    {
        ArgumentNullException.ThrowIfNull(system);
        long configured = system.Settings.Config.GetLong(MaxPayloadConfigKey, TransportOptions.DefaultMaxPayloadBytes);
        _maxPayloadBytes = (int)Math.Clamp(configured, 1, int.MaxValue - 65_536);
    }

    public override int Identifier => Id;

    public override bool IncludeManifest => false;

    /// <summary>The largest payload this serializer writes or reads.</summary>
    public int MaxPayloadBytes => _maxPayloadBytes;

    public override byte[] ToBinary(object obj)
    {
        if (obj is not LatentFrame frame)
        {
            throw new ArgumentException($"{nameof(LatentFrameSerializer)} writes only {nameof(LatentFrame)}, got {obj?.GetType().Name ?? "null"}", nameof(obj));
        }

        var encoded = new EncodedFrame(frame, _maxPayloadBytes);
        byte[] buffer = new byte[encoded.Length];
        encoded.WriteTo(buffer);
        return buffer;
    }

    public override object FromBinary(byte[] bytes, Type type)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return Read(bytes, _maxPayloadBytes);
    }

    /// <summary>
    /// Reads one frame occupying all of <paramref name="bytes"/>[<paramref name="offset"/>..]. The payload is a slice of
    /// <paramref name="bytes"/>, not a copy: Akka hands every serializer a fresh array it never touches again. Shared
    /// with <see cref="SequencedFrameSerializer"/>, which embeds frames.
    /// </summary>
    internal static LatentFrame Read(byte[] bytes, int maxPayloadBytes, int offset = 0)
    {
        ReadOnlySpan<byte> s = bytes.AsSpan(offset);
        if (s.Length < FixedHeader + 2 + 2 + 4 + 4 || BinaryPrimitives.ReadUInt32LittleEndian(s) != Magic)
        {
            throw new System.Runtime.Serialization.SerializationException($"not a latent frame ({s.Length} bytes, bad magic or too short)");
        }

        byte version = s[4];
        if (version is not (Version or VersionOneFlow))
        {
            throw new System.Runtime.Serialization.SerializationException(
                $"latent frame version {version} is not supported by this node (it reads versions {VersionOneFlow} and {Version}); run the same edgecascade version on every node");
        }

        uint expected = BinaryPrimitives.ReadUInt32LittleEndian(s[^4..]);
        if (Crc32.HashToUInt32(s[..^4]) != expected)
        {
            throw new System.Runtime.Serialization.SerializationException($"latent frame of {s.Length} bytes failed its CRC-32 check (damaged on the way)");
        }

        var messageId = new Guid(s.Slice(8, 16));
        long imageId = BinaryPrimitives.ReadInt64LittleEndian(s[24..]);
        int hop = BinaryPrimitives.ReadInt32LittleEndian(s[32..]);
        int level = BinaryPrimitives.ReadInt32LittleEndian(s[36..]);
        long ticks = BinaryPrimitives.ReadInt64LittleEndian(s[40..]);
        short offsetMinutes = BinaryPrimitives.ReadInt16LittleEndian(s[48..]);
        uint checksum = BinaryPrimitives.ReadUInt32LittleEndian(s[50..]);
        int at = FixedHeader;
        string flow = ReadString(s, ref at);
        string policy = ReadString(s, ref at);
        string[] riders = version == VersionOneFlow ? [] : ReadRiders(s, ref at);
        if (at + 4 > s.Length - 4)
        {
            throw new System.Runtime.Serialization.SerializationException("latent frame is truncated before its payload length");
        }

        int payloadLength = BinaryPrimitives.ReadInt32LittleEndian(s[at..]);
        at += 4;
        if (payloadLength < 0 || payloadLength > maxPayloadBytes)
        {
            throw new System.Runtime.Serialization.SerializationException($"latent frame announces a payload of {payloadLength} bytes; the limit is {maxPayloadBytes} bytes");
        }

        if (at + payloadLength != s.Length - 4)
        {
            throw new System.Runtime.Serialization.SerializationException($"latent frame length {s.Length} does not match its payload length {payloadLength}");
        }

        var payload = new ReadOnlyMemory<byte>(bytes, offset + at, payloadLength);
        var zone = TimeSpan.FromMinutes(offsetMinutes);
        var createdAt = new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(zone);
        return new LatentFrame(new Envelope(messageId, flow, imageId, hop, level, policy, checksum, createdAt) { RiderFlows = riders }, payload);
    }

    private static string[] ReadRiders(ReadOnlySpan<byte> s, ref int at)
    {
        if (at + 2 > s.Length - 4)
        {
            throw new System.Runtime.Serialization.SerializationException("latent frame is truncated inside its envelope");
        }

        int count = BinaryPrimitives.ReadUInt16LittleEndian(s[at..]);
        at += 2;
        if (count > MaxRiderFlows)
        {
            throw new System.Runtime.Serialization.SerializationException($"latent frame announces {count} rider flows; the limit is {MaxRiderFlows}");
        }

        string[] riders = new string[count];
        for (int i = 0; i < count; i++)
        {
            riders[i] = ReadString(s, ref at);
        }

        return riders;
    }

    /// <summary>A frame measured for writing: its UTF-8 strings encoded once, so callers can size one buffer for it.</summary>
    internal readonly struct EncodedFrame
    {
        private readonly LatentFrame _frame;
        private readonly byte[] _flow;
        private readonly byte[] _policy;
        private readonly byte[][] _riders;

        public EncodedFrame(LatentFrame frame, int maxPayloadBytes)
        {
            Envelope e = frame.Envelope;
            if (frame.Payload.Length > maxPayloadBytes)
            {
                throw new System.Runtime.Serialization.SerializationException(
                    $"payload of {frame.Payload.Length} bytes (flow {e.FlowId}, image {e.ImageId}) exceeds the frame limit of {maxPayloadBytes} bytes");
            }

            _frame = frame;
            _flow = Encoding.UTF8.GetBytes(e.FlowId);
            _policy = Encoding.UTF8.GetBytes(e.Policy);
            if (_flow.Length > ushort.MaxValue || _policy.Length > ushort.MaxValue)
            {
                throw new System.Runtime.Serialization.SerializationException($"flow id or policy of image {e.ImageId} is longer than {ushort.MaxValue} bytes");
            }

            if (e.RiderFlows.Count > MaxRiderFlows)
            {
                throw new System.Runtime.Serialization.SerializationException(
                    $"image {e.ImageId} rides for {e.RiderFlows.Count} more flows; a frame carries at most {MaxRiderFlows}");
            }

            _riders = e.RiderFlows.Select(Encoding.UTF8.GetBytes).ToArray();
            if (_riders.Any(r => r.Length > ushort.MaxValue))
            {
                throw new System.Runtime.Serialization.SerializationException($"a rider flow id of image {e.ImageId} is longer than {ushort.MaxValue} bytes");
            }

            Length = FixedHeader + 2 + _flow.Length + 2 + _policy.Length + 2 + _riders.Sum(r => 2 + r.Length) + 4 + frame.Payload.Length + 4;
        }

        /// <summary>Bytes the frame takes on the wire.</summary>
        public int Length { get; }

        /// <summary>Writes exactly <see cref="Length"/> bytes at the start of <paramref name="s"/>.</summary>
        public void WriteTo(Span<byte> s)
        {
            Envelope e = _frame.Envelope;
            s = s[..Length];
            s[..FixedHeader].Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(s, Magic);
            s[4] = Version;
            e.MessageId.TryWriteBytes(s.Slice(8, 16));
            BinaryPrimitives.WriteInt64LittleEndian(s[24..], e.ImageId);
            BinaryPrimitives.WriteInt32LittleEndian(s[32..], e.Hop);
            BinaryPrimitives.WriteInt32LittleEndian(s[36..], e.Level);
            BinaryPrimitives.WriteInt64LittleEndian(s[40..], e.CreatedAt.UtcTicks);
            BinaryPrimitives.WriteInt16LittleEndian(s[48..], checked((short)e.CreatedAt.Offset.TotalMinutes));
            BinaryPrimitives.WriteUInt32LittleEndian(s[50..], e.Checksum);
            int at = FixedHeader;
            at = WriteString(s, at, _flow);
            at = WriteString(s, at, _policy);
            BinaryPrimitives.WriteUInt16LittleEndian(s[at..], (ushort)_riders.Length);
            at += 2;
            foreach (byte[] rider in _riders)
            {
                at = WriteString(s, at, rider);
            }

            BinaryPrimitives.WriteInt32LittleEndian(s[at..], _frame.Payload.Length);
            at += 4;
            _frame.Payload.Span.CopyTo(s[at..]);
            at += _frame.Payload.Length;
            BinaryPrimitives.WriteUInt32LittleEndian(s[at..], Crc32.HashToUInt32(s[..at]));
        }
    }

    private static int WriteString(Span<byte> s, int at, byte[] utf8)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(s[at..], (ushort)utf8.Length);
        utf8.CopyTo(s[(at + 2)..]);
        return at + 2 + utf8.Length;
    }

    private static string ReadString(ReadOnlySpan<byte> s, ref int at)
    {
        if (at + 2 > s.Length - 4)
        {
            throw new System.Runtime.Serialization.SerializationException("latent frame is truncated inside its envelope");
        }

        int length = BinaryPrimitives.ReadUInt16LittleEndian(s[at..]);
        at += 2;
        if (at + length > s.Length - 4)
        {
            throw new System.Runtime.Serialization.SerializationException("latent frame is truncated inside its envelope");
        }

        string value = Encoding.UTF8.GetString(s.Slice(at, length));
        at += length;
        return value;
    }
}
