namespace EdgeCascade.Runtime.Transport;

/// <summary>Settings every transport shares.</summary>
public class TransportOptions
{
    /// <summary>Default payload limit: 8 MiB, far above a latent bitstream and the remoting frame size is set above it.</summary>
    public const int DefaultMaxPayloadBytes = 8 * 1024 * 1024;

    /// <summary>The largest payload a publish accepts; larger ones are refused with a <see cref="TransportException"/>.</summary>
    public int MaxPayloadBytes { get; init; } = DefaultMaxPayloadBytes;

    internal static void CheckPayload(string destinationNode, Envelope envelope, ReadOnlyMemory<byte> payload, int maxPayloadBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(destinationNode);
        ArgumentNullException.ThrowIfNull(envelope);
        if (payload.Length > maxPayloadBytes)
        {
            throw new TransportException(
                $"payload of {payload.Length} bytes for node '{destinationNode}' (flow {envelope.FlowId}, image {envelope.ImageId}) " +
                $"exceeds the transport limit of {maxPayloadBytes} bytes");
        }
    }
}
