namespace EdgeCascade.Runtime.Transport;

/// <summary>To a bench member's probe: what did you record for <paramref name="Flow"/>?</summary>
public sealed record BenchHopsRequest(string Flow);
