using EdgeCascade.Runtime.Transport;

namespace EdgeCascade.Runtime.Tests.Transport;

public sealed class EnvelopeSerializerTests
{
    [Fact]
    public void Encode_ThenDecode_RoundTripsEnvelopeAndPayload()
    {
        byte[] payload = [1, 2, 3, 4, 5];
        var createdAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)).AddTicks(1234);
        Envelope envelope = Envelope.Create("flöw-ü", -17, 3, "split-at-2", payload, createdAt) with { Hop = 2 };

        byte[] body = EnvelopeSerializer.Encode(envelope, payload);
        bool ok = EnvelopeSerializer.TryDecode(body, out Envelope? decoded, out int offset, out string reason);

        Assert.True(ok, reason);
        Assert.Equal(envelope, decoded);
        Assert.Equal(createdAt.Offset, decoded!.CreatedAt.Offset);
        Assert.Equal(payload, body[offset..]);
        Assert.Equal(EnvelopeSerializer.PrefixLength(envelope), offset);
    }

    [Fact]
    public void TryDecode_Garbage_ReportsReason()
    {
        bool ok = EnvelopeSerializer.TryDecode(new byte[100], out Envelope? decoded, out _, out string reason);

        Assert.False(ok);
        Assert.Null(decoded);
        Assert.Contains("not an EdgeCascade envelope", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TryDecode_TruncatedNames_ReportsReason()
    {
        byte[] payload = [9];
        byte[] body = EnvelopeSerializer.Encode(Envelope.Create("flow", 1, 0, "policy", payload, DateTimeOffset.UnixEpoch), payload);
        body[52] = 200; // flow-id length now runs past the prefix

        Assert.False(EnvelopeSerializer.TryDecode(body, out _, out _, out string reason));
        Assert.Contains("truncated", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ForNextHop_NewPayload_IncrementsHopAndRecomputesChecksum()
    {
        byte[] first = [1, 2, 3];
        byte[] second = [4, 5, 6, 7];
        Envelope source = Envelope.Create("flow", 8, 1, "p", first, DateTimeOffset.UnixEpoch);

        Envelope next = source.ForNextHop(second, level: 2);

        Assert.Equal(1, next.Hop);
        Assert.Equal(2, next.Level);
        Assert.NotEqual(source.MessageId, next.MessageId);
        Assert.True(next.Matches(second));
        Assert.False(next.Matches(first));
        Assert.Equal((source.FlowId, source.ImageId, source.CreatedAt), (next.FlowId, next.ImageId, next.CreatedAt));
    }
}
