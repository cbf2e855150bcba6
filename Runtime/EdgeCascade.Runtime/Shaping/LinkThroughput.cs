namespace EdgeCascade.Runtime.Shaping;

/// <summary>What one outgoing link carried, for the run summary.</summary>
/// <param name="Destination">The receiving node.</param>
/// <param name="ConfiguredBitsPerSecond">The shaping rate, or null when the link is not shaped.</param>
/// <param name="Messages">Messages sent.</param>
/// <param name="PayloadBytes">Payload bytes sent (envelopes not counted).</param>
/// <param name="Elapsed">From the start of the first send to the completion of the last.</param>
/// <param name="FlowImages">
/// Images the messages carried, counted per flow: above <paramref name="Messages"/> where flows of one source share
/// the link (one message, one payload, several flows riding on it).
/// </param>
public sealed record LinkThroughput(string Destination, double? ConfiguredBitsPerSecond, long Messages, long PayloadBytes, TimeSpan Elapsed, long FlowImages = 0)
{
    /// <summary>Payload bits per second over <see cref="Elapsed"/>; 0 before two sends or any elapsed time.</summary>
    public double MeasuredBitsPerSecond => Elapsed > TimeSpan.Zero ? PayloadBytes * 8.0 / Elapsed.TotalSeconds : 0;
}
