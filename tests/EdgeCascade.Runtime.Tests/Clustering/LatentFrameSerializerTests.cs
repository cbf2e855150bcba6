using Akka.Actor;
using Akka.Configuration;
using EdgeCascade.Runtime.Clustering;
using EdgeCascade.Runtime.Serialization;
using EdgeCascade.Runtime.Tests.Transport;
using Envelope = EdgeCascade.Runtime.Transport.Envelope;

namespace EdgeCascade.Runtime.Tests.Clustering;

public sealed class LatentFrameSerializerTests : IDisposable
{
    private static readonly DateTimeOffset s_createdAt = new(2026, 12, 4, 22, 0, 0, TimeSpan.FromHours(1));
    private readonly ActorSystem _system = ActorSystem.Create(
        "serializer-test", ConfigurationFactory.ParseString($"{LatentFrameSerializer.MaxPayloadConfigKey} = 65536"));

    private LatentFrameSerializer Serializer => new((ExtendedActorSystem)_system);

    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(5));

    [Fact]
    public void RoundTrip_KeepsEnvelopeAndPayload()
    {
        byte[] payload = TestMessages.Payload(16 * 1024, seed: 1);
        var frame = new LatentFrame(Envelope.Create("flow-é", 42, 3, "0101", payload, s_createdAt) with { Hop = 2 }, payload);

        var back = (LatentFrame)Serializer.FromBinary(Serializer.ToBinary(frame), typeof(LatentFrame));

        Assert.Equal(frame.Envelope, back.Envelope);
        Assert.Equal(payload, back.Payload.ToArray());
    }

    [Fact]
    public void FromBinary_OneFlippedBit_FailsItsChecksum()
    {
        byte[] payload = TestMessages.Payload(1000, seed: 2);
        byte[] bytes = Serializer.ToBinary(new LatentFrame(Envelope.Create("f", 1, 0, "p", payload, s_createdAt), payload));
        bytes[200] ^= 0x10;

        var error = Assert.Throws<System.Runtime.Serialization.SerializationException>(() => Serializer.FromBinary(bytes, typeof(LatentFrame)));
        Assert.Contains("CRC-32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBinary_OtherVersion_SaysWhichVersions()
    {
        byte[] payload = TestMessages.Payload(10, seed: 3);
        byte[] bytes = Serializer.ToBinary(new LatentFrame(Envelope.Create("f", 1, 0, "p", payload, s_createdAt), payload));
        bytes[4] = 9;

        var error = Assert.Throws<System.Runtime.Serialization.SerializationException>(() => Serializer.FromBinary(bytes, typeof(LatentFrame)));
        Assert.Contains("version 9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToBinary_PayloadOverTheLimit_IsRejectedWithSizes()
    {
        byte[] payload = new byte[65537];
        var frame = new LatentFrame(Envelope.Create("f", 7, 0, "p", payload, s_createdAt), payload);

        var error = Assert.Throws<System.Runtime.Serialization.SerializationException>(() => Serializer.ToBinary(frame));
        Assert.Contains("65537", error.Message, StringComparison.Ordinal);
        Assert.Contains("65536", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBinary_Truncated_IsRejected()
    {
        byte[] payload = TestMessages.Payload(100, seed: 4);
        byte[] bytes = Serializer.ToBinary(new LatentFrame(Envelope.Create("f", 1, 0, "p", payload, s_createdAt), payload));

        Assert.Throws<System.Runtime.Serialization.SerializationException>(() => Serializer.FromBinary(bytes[..40], typeof(LatentFrame)));
    }

    [Fact]
    public void RoundTrip_SeveralFlows_KeepsEveryRiderFlowInOrder()
    {
        byte[] payload = TestMessages.Payload(4096, seed: 5);
        Envelope envelope = Envelope.Create("cam1-monitor", 11, 9, "111+10101", payload, s_createdAt) with
        {
            Hop = 1,
            RiderFlows = ["cam1-archive", "cam1-é-backup"],
        };

        var back = (LatentFrame)Serializer.FromBinary(Serializer.ToBinary(new LatentFrame(envelope, payload)), typeof(LatentFrame));

        Assert.Equal(envelope, back.Envelope);
        Assert.Equal(["cam1-monitor", "cam1-archive", "cam1-é-backup"], back.Envelope.Flows);
        Assert.Equal(payload, back.Payload.ToArray());
    }

    [Fact]
    public void Equals_OtherRiderFlows_IsFalse()
    {
        byte[] payload = TestMessages.Payload(10, seed: 6);
        Envelope one = Envelope.Create("a", 1, 0, "p", payload, s_createdAt, Guid.Empty) with { RiderFlows = ["b"] };

        Assert.Equal(one, one with { RiderFlows = ["b"] });
        Assert.NotEqual(one, one with { RiderFlows = ["c"] });
        Assert.NotEqual(one, one with { RiderFlows = [] });
    }

    [Fact]
    public void FromBinary_VersionOneFrame_IsReadAsOneFlow()
    {
        // A frame as version 1 wrote it (a durable source queue from before the upgrade): no rider flow count.
        byte[] payload = TestMessages.Payload(300, seed: 7);
        Envelope envelope = Envelope.Create("flow", 5, 6, "0101", payload, s_createdAt);
        byte[] current = Serializer.ToBinary(new LatentFrame(envelope, payload));
        int riders = 8 + 16 + 8 + 4 + 4 + 8 + 2 + 4 + (2 + 4) + (2 + 4); // the rider count follows flow and policy
        byte[] v1 = [.. current[..riders], .. current[(riders + 2)..^4], 0, 0, 0, 0];
        v1[4] = 1;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(v1.AsSpan(v1.Length - 4), System.IO.Hashing.Crc32.HashToUInt32(v1.AsSpan(0, v1.Length - 4)));

        var back = (LatentFrame)Serializer.FromBinary(v1, typeof(LatentFrame));

        Assert.Equal(envelope, back.Envelope);
        Assert.Empty(back.Envelope.RiderFlows);
        Assert.Equal(payload, back.Payload.ToArray());
    }

    [Fact]
    public void FromBinary_RiderCountOverTheLimit_IsRejectedBeforeReadingThem()
    {
        byte[] payload = TestMessages.Payload(10, seed: 8);
        byte[] bytes = Serializer.ToBinary(new LatentFrame(Envelope.Create("f", 1, 0, "p", payload, s_createdAt) with { RiderFlows = ["g"] }, payload));
        int count = 8 + 16 + 8 + 4 + 4 + 8 + 2 + 4 + (2 + 1) + (2 + 1);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(count), 60_000);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), System.IO.Hashing.Crc32.HashToUInt32(bytes.AsSpan(0, bytes.Length - 4)));

        var error = Assert.Throws<System.Runtime.Serialization.SerializationException>(() => Serializer.FromBinary(bytes, typeof(LatentFrame)));
        Assert.Contains("60000 rider flows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBinary_RiderFlowCutShort_IsRejected()
    {
        byte[] payload = TestMessages.Payload(0, seed: 9);
        byte[] bytes = Serializer.ToBinary(new LatentFrame(Envelope.Create("f", 1, 0, "p", payload, s_createdAt) with { RiderFlows = ["rider"] }, payload));
        int riderLength = 8 + 16 + 8 + 4 + 4 + 8 + 2 + 4 + (2 + 1) + (2 + 1) + 2;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(riderLength), 5000); // runs past the frame
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4), System.IO.Hashing.Crc32.HashToUInt32(bytes.AsSpan(0, bytes.Length - 4)));

        var error = Assert.Throws<System.Runtime.Serialization.SerializationException>(() => Serializer.FromBinary(bytes, typeof(LatentFrame)));
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToBinary_MoreRiderFlowsThanTheLimit_IsRejected()
    {
        byte[] payload = TestMessages.Payload(10, seed: 10);
        Envelope envelope = Envelope.Create("f", 3, 0, "p", payload, s_createdAt) with
        {
            RiderFlows = Enumerable.Range(0, LatentFrameSerializer.MaxRiderFlows + 1).Select(i => $"r{i}").ToArray(),
        };

        var error = Assert.Throws<System.Runtime.Serialization.SerializationException>(() => Serializer.ToBinary(new LatentFrame(envelope, payload)));
        Assert.Contains("at most 1024", error.Message, StringComparison.Ordinal);
    }
}
