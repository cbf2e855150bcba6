namespace EdgeCascade.Runtime.Tests.Transport;

/// <summary>Payloads the transport tests send.</summary>
internal static class TestMessages
{
    /// <summary>Random bytes, the same for the same seed.</summary>
    public static byte[] Payload(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
