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
}
