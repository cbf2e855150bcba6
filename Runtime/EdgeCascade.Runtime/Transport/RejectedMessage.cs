namespace EdgeCascade.Runtime.Transport;

/// <summary>A message the transport dropped before the handler saw it (damaged payload or unreadable envelope).</summary>
/// <param name="Node">The node whose queue held it.</param>
/// <param name="Envelope">The envelope when it could be read, else null.</param>
/// <param name="Reason">One line saying what was wrong.</param>
public sealed record RejectedMessage(string Node, Envelope? Envelope, string Reason);
