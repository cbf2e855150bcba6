using System.Buffers;
using EdgeCascade.Runtime.Transport;

namespace EdgeCascade.Runtime.Tests.Transport;

/// <summary>Payloads, envelope bodies and batch frames the transport tests send.</summary>
internal static class TestMessages
{
    /// <summary>Random bytes, the same for the same seed.</summary>
    public static byte[] Payload(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>One encoded envelope (prefix + payload) of flow "flow"; the payload is seeded by the image id.</summary>
    public static byte[] Body(long imageId, int payloadLength)
    {
        byte[] payload = Payload(payloadLength, seed: (int)imageId);
        return EnvelopeSerializer.Encode(Envelope.Create("flow", imageId, 1, "p", payload, DateTimeOffset.UnixEpoch), payload);
    }

    /// <summary>The bodies as one <see cref="EnvelopeBatch"/> frame, in a right-sized array.</summary>
    public static byte[] Frame(params byte[][] items)
    {
        byte[] pooled = EnvelopeBatch.EncodePooled([.. items.Select(b => (ReadOnlyMemory<byte>)b)], out int length);
        byte[] frame = pooled.AsSpan(0, length).ToArray();
        ArrayPool<byte>.Shared.Return(pooled);
        return frame;
    }
}
