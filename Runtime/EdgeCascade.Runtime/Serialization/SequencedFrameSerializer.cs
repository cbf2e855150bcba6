using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using Akka.Actor;
using Akka.Delivery;
using Akka.Delivery.Internal;
using Akka.Serialization;
using EdgeCascade.Runtime.Clustering;
using EdgeCascade.Runtime.Transport;

namespace EdgeCascade.Runtime.Serialization;

/// <summary>
/// Akka serializer for Akka.Delivery's <c>SequencedMessage&lt;LatentFrame&gt;</c>, the message every lane puts on the
/// wire once per image and hop: the delivery header (producer id, sequence number, first/ack flags, the
/// ProducerController's path) followed by the frame in <see cref="LatentFrameSerializer"/>'s format, in one buffer.
/// </summary>
/// <remarks>
/// <para>Why not Akka's own ReliableDeliverySerializer (which the binding for this exact type overrides): profiling
/// <c>bench transport</c> showed it, per message, looking up and invoking a generic method by reflection in both
/// directions (a reflection invoke stub each time, and the dynamic methods behind them finalized later), resolving the
/// payload type by name, and copying the 16 KiB payload twice more (into its protobuf wrapper, then out of it) on top
/// of the remoting envelope's copies. Here the frame is written straight after a small header.</para>
/// <para>Akka keeps the message's ProducerController in an internal property set by an internal constructor (the
/// ConsumerController replies to it). Both are bound once, at type load, to compiled delegates; if a future Akka
/// renames them, the first use fails with a message naming them, and the serialize-messages tests catch it before any
/// node runs. Chunked messages (Akka.Delivery's chunking, which EdgeCascade leaves off) are refused.</para>
/// <para>Layout (version 1): magic "ECSQ" (4), version (1), flags (1: bit 0 first, bit 1 ack), reserved (2), sequence
/// number (8), producer id (2 + UTF-8), ProducerController path (2 + UTF-8), CRC-32 of the header so far (4), then the
/// frame, which carries its own CRC-32.</para>
/// </remarks>
public sealed class SequencedFrameSerializer : Serializer
{
    /// <summary>The serializer id on the wire.</summary>
    public const int Id = 7402;

    private const uint Magic = 0x51534345; // "ECSQ" read little-endian
    private const byte Version = 1;
    private const int FixedHeader = 4 + 1 + 1 + 2 + 8;
    private const int MaxCachedRefs = 4096;

    private static readonly Lazy<Func<ConsumerController.SequencedMessage<LatentFrame>, IActorRef>> s_producerOf = new(BindProducerGetter);
    private static readonly Lazy<Func<string, long, MessageOrChunk<LatentFrame>, bool, bool, IActorRef, ConsumerController.SequencedMessage<LatentFrame>>> s_create = new(BindConstructor);

    private readonly int _maxPayloadBytes;

    // A lane's ProducerController is the same actor for thousands of messages: resolve its path once, not per message.
    private readonly ConcurrentDictionary<string, IActorRef> _resolved = new(StringComparer.Ordinal);

    public SequencedFrameSerializer(ExtendedActorSystem system)
        : base(system)
    {
        ArgumentNullException.ThrowIfNull(system);
        long configured = system.Settings.Config.GetLong(LatentFrameSerializer.MaxPayloadConfigKey, TransportOptions.DefaultMaxPayloadBytes);
        _maxPayloadBytes = (int)Math.Clamp(configured, 1, int.MaxValue - 65_536);
    }

    public override int Identifier => Id;

    public override bool IncludeManifest => false;

    public override byte[] ToBinary(object obj)
    {
        if (obj is not ConsumerController.SequencedMessage<LatentFrame> message)
        {
            throw new ArgumentException($"{nameof(SequencedFrameSerializer)} writes only Akka.Delivery sequenced messages of {nameof(LatentFrame)}, got {obj?.GetType().Name ?? "null"}", nameof(obj));
        }

        if (!message.Message.IsMessage)
        {
            throw new System.Runtime.Serialization.SerializationException(
                "a chunked Akka.Delivery message reached the latent-frame serializer: EdgeCascade runs with chunking off (akka.reliable-delivery.producer-controller.chunk-large-messages)");
        }

        return Write(message.ProducerId, message.SeqNr, message.First, message.Ack, s_producerOf.Value(message), message.Message.Message!, _maxPayloadBytes);
    }

    /// <summary>The wire form of one sequenced frame (also how tests make a message Akka.Delivery would make).</summary>
    internal static byte[] Write(string producerId, long seqNr, bool first, bool ack, IActorRef producerController, LatentFrame frame, int maxPayloadBytes)
    {
        byte[] id = Encoding.UTF8.GetBytes(producerId);
        byte[] producer = Encoding.UTF8.GetBytes(Akka.Serialization.Serialization.SerializedActorPath(producerController));
        if (id.Length > ushort.MaxValue || producer.Length > ushort.MaxValue)
        {
            throw new System.Runtime.Serialization.SerializationException($"producer id or path of lane '{producerId}' is longer than {ushort.MaxValue} bytes");
        }

        var encoded = new LatentFrameSerializer.EncodedFrame(frame, maxPayloadBytes);
        int header = FixedHeader + 2 + id.Length + 2 + producer.Length + 4;
        byte[] buffer = new byte[header + encoded.Length];
        Span<byte> s = buffer;
        BinaryPrimitives.WriteUInt32LittleEndian(s, Magic);
        s[4] = Version;
        s[5] = (byte)((first ? 1 : 0) | (ack ? 2 : 0));
        BinaryPrimitives.WriteInt64LittleEndian(s[8..], seqNr);
        int at = WriteString(s, FixedHeader, id);
        at = WriteString(s, at, producer);
        BinaryPrimitives.WriteUInt32LittleEndian(s[at..], Crc32.HashToUInt32(s[..at]));
        encoded.WriteTo(s[header..]);
        return buffer;
    }

    public override object FromBinary(byte[] bytes, Type type)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ReadOnlySpan<byte> s = bytes;
        if (s.Length < FixedHeader + 2 + 2 + 4 || BinaryPrimitives.ReadUInt32LittleEndian(s) != Magic)
        {
            throw new System.Runtime.Serialization.SerializationException($"not a sequenced latent frame ({s.Length} bytes, bad magic or too short)");
        }

        if (s[4] != Version)
        {
            throw new System.Runtime.Serialization.SerializationException($"sequenced latent frame version {s[4]} is not supported by this node (it reads version {Version}); run the same edgecascade version on every node");
        }

        bool first = (s[5] & 1) != 0;
        bool ack = (s[5] & 2) != 0;
        long seqNr = BinaryPrimitives.ReadInt64LittleEndian(s[8..]);
        int at = FixedHeader;
        string producerId = ReadString(s, ref at);
        string producerPath = ReadString(s, ref at);
        if (at + 4 > s.Length || Crc32.HashToUInt32(s[..at]) != BinaryPrimitives.ReadUInt32LittleEndian(s[at..]))
        {
            throw new System.Runtime.Serialization.SerializationException($"sequenced latent frame header of lane '{producerId}' failed its CRC-32 check (damaged on the way)");
        }

        LatentFrame frame = LatentFrameSerializer.Read(bytes, _maxPayloadBytes, at + 4);
        return s_create.Value(producerId, seqNr, frame, first, ack, Resolve(producerPath));
    }

    private IActorRef Resolve(string path)
    {
        if (_resolved.TryGetValue(path, out IActorRef? known))
        {
            return known;
        }

        if (_resolved.Count >= MaxCachedRefs)
        {
            _resolved.Clear(); // lanes of dead incarnations; the live ones are resolved again on their next message
        }

        IActorRef resolved = system.Provider.ResolveActorRef(path);
        _resolved[path] = resolved;
        return resolved;
    }

    private static int WriteString(Span<byte> s, int at, byte[] utf8)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(s[at..], (ushort)utf8.Length);
        utf8.CopyTo(s[(at + 2)..]);
        return at + 2 + utf8.Length;
    }

    private static string ReadString(ReadOnlySpan<byte> s, ref int at)
    {
        if (at + 2 > s.Length)
        {
            throw new System.Runtime.Serialization.SerializationException("sequenced latent frame is truncated inside its header");
        }

        int length = BinaryPrimitives.ReadUInt16LittleEndian(s[at..]);
        at += 2;
        if (at + length > s.Length)
        {
            throw new System.Runtime.Serialization.SerializationException("sequenced latent frame is truncated inside its header");
        }

        string value = Encoding.UTF8.GetString(s.Slice(at, length));
        at += length;
        return value;
    }

    private static Func<ConsumerController.SequencedMessage<LatentFrame>, IActorRef> BindProducerGetter()
    {
        PropertyInfo property = typeof(ConsumerController.SequencedMessage<LatentFrame>).GetProperty(
            "ProducerController", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            ?? throw Missing("property ProducerController");
        ParameterExpression message = Expression.Parameter(typeof(ConsumerController.SequencedMessage<LatentFrame>), "message");
        return Expression.Lambda<Func<ConsumerController.SequencedMessage<LatentFrame>, IActorRef>>(Expression.Property(message, property), message).Compile();
    }

    private static Func<string, long, MessageOrChunk<LatentFrame>, bool, bool, IActorRef, ConsumerController.SequencedMessage<LatentFrame>> BindConstructor()
    {
        Type[] signature = [typeof(string), typeof(long), typeof(MessageOrChunk<LatentFrame>), typeof(bool), typeof(bool), typeof(IActorRef)];
        ConstructorInfo constructor = typeof(ConsumerController.SequencedMessage<LatentFrame>).GetConstructor(
            BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public, binder: null, signature, modifiers: null)
            ?? throw Missing("the constructor (producerId, seqNr, message, first, ack, producerController)");
        ParameterExpression[] parameters = [.. signature.Select((t, i) => Expression.Parameter(t, $"p{i}"))];
        return Expression.Lambda<Func<string, long, MessageOrChunk<LatentFrame>, bool, bool, IActorRef, ConsumerController.SequencedMessage<LatentFrame>>>(
            Expression.New(constructor, parameters), parameters).Compile();
    }

    private static InvalidOperationException Missing(string member) =>
        new($"Akka.Delivery's SequencedMessage<T> has no {member} in this Akka version; {nameof(SequencedFrameSerializer)} is written against Akka 1.5.75 (Directory.Packages.props): update it with the Akka version");
}
