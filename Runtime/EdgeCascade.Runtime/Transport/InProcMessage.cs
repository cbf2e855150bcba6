namespace EdgeCascade.Runtime.Transport;

/// <summary>A message sitting in an <see cref="InProcQueue"/>; the payload array is owned by the queue.</summary>
internal sealed record InProcMessage(Envelope Envelope, byte[] Payload, bool Redelivered);
