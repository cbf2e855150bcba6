using Akka.Actor;
using Akka.Configuration;
using Akka.Delivery;
using EdgeCascade.Runtime.Clustering;
using EdgeCascade.Runtime.Serialization;
using EdgeCascade.Runtime.Tests.Transport;
using Envelope = EdgeCascade.Runtime.Transport.Envelope;

namespace EdgeCascade.Runtime.Tests.Clustering;

public sealed class SequencedFrameSerializerTests : IDisposable
{
    private static readonly DateTimeOffset s_createdAt = new(2026, 12, 5, 1, 0, 0, TimeSpan.Zero);
    private readonly ActorSystem _system = ActorSystem.Create(
        "sequenced-serializer-test", ConfigurationFactory.ParseString($"{LatentFrameSerializer.MaxPayloadConfigKey} = 65536"));

    public void Dispose() => _system.Terminate().Wait(TimeSpan.FromSeconds(5));

    [Fact]
    public void RoundTrip_KeepsDeliveryHeaderFrameAndProducerController()
    {
        var serializer = new SequencedFrameSerializer((ExtendedActorSystem)_system);
        IActorRef producer = _system.ActorOf(Props.Empty, "producer-controller");
        byte[] payload = TestMessages.Payload(16 * 1024, seed: 5);
        var frame = new LatentFrame(Envelope.Create("flow", 9, 2, "01+011", payload, s_createdAt) with { RiderFlows = ["other-flow"] }, payload);
        ConsumerController.SequencedMessage<LatentFrame> message = Sequenced(serializer, producer, frame, seqNr: 17, first: true);

        var back = (ConsumerController.SequencedMessage<LatentFrame>)serializer.FromBinary(serializer.ToBinary(message), null!);

        Assert.Equal(("lane-3", 17L, true, true), (back.ProducerId, back.SeqNr, back.First, back.Ack));
        Assert.True(back.Message.IsMessage);
        Assert.Equal(frame.Envelope, back.Message.Message!.Envelope);
        Assert.Equal(payload, back.Message.Message.Payload.ToArray());

        // The ConsumerController answers the producer controller the message names: it must be the same actor.
        var again = (ConsumerController.SequencedMessage<LatentFrame>)serializer.FromBinary(serializer.ToBinary(back), null!);
        Assert.Equal(17L, again.SeqNr);
        Assert.Equal(serializer.ToBinary(message), serializer.ToBinary(again));
    }

    [Fact]
    public void FromBinary_DamagedHeader_FailsNamingTheCheck()
    {
        var serializer = new SequencedFrameSerializer((ExtendedActorSystem)_system);
        IActorRef producer = _system.ActorOf(Props.Empty, "producer-controller-2");
        byte[] payload = TestMessages.Payload(100, seed: 6);
        byte[] bytes = serializer.ToBinary(Sequenced(serializer, producer, new LatentFrame(Envelope.Create("f", 1, 0, "p", payload, s_createdAt), payload), seqNr: 1, first: false));
        bytes[12] ^= 0x40; // inside the sequence number

        var error = Assert.Throws<System.Runtime.Serialization.SerializationException>(() => serializer.FromBinary(bytes, null!));
        Assert.Contains("CRC-32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBinary_DamagedPayload_FailsInTheFrameCheck()
    {
        var serializer = new SequencedFrameSerializer((ExtendedActorSystem)_system);
        IActorRef producer = _system.ActorOf(Props.Empty, "producer-controller-3");
        byte[] payload = TestMessages.Payload(1000, seed: 7);
        byte[] bytes = serializer.ToBinary(Sequenced(serializer, producer, new LatentFrame(Envelope.Create("f", 1, 0, "p", payload, s_createdAt), payload), seqNr: 2, first: false));
        bytes[^100] ^= 0x01;

        var error = Assert.Throws<System.Runtime.Serialization.SerializationException>(() => serializer.FromBinary(bytes, null!));
        Assert.Contains("latent frame", error.Message, StringComparison.Ordinal);
    }

    // Akka.Delivery builds these itself; a test gets one the way a receiving node does: from the wire format.
    private static ConsumerController.SequencedMessage<LatentFrame> Sequenced(
        SequencedFrameSerializer serializer, IActorRef producer, LatentFrame frame, long seqNr, bool first) =>
        (ConsumerController.SequencedMessage<LatentFrame>)serializer.FromBinary(
            SequencedFrameSerializer.Write("lane-3", seqNr, first, ack: true, producer, frame, 65536), null!);
}
