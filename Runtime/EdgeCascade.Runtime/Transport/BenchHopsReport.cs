namespace EdgeCascade.Runtime.Transport;

/// <summary>A bench member's answer to <see cref="BenchHopsRequest"/>.</summary>
/// <param name="HopSeconds">Latency of each hop into this member, seconds.</param>
/// <param name="Delivered">Distinct frames delivered (sink).</param>
/// <param name="Duplicates">Duplicates dropped (sink).</param>
public sealed record BenchHopsReport(double[] HopSeconds, long Delivered, long Duplicates);
