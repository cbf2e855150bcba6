namespace EdgeCascade.Runtime.Hosting;

/// <summary>One image delivered to the user: a row of a sink's deliveries.csv.</summary>
/// <param name="Flow">Flow name.</param>
/// <param name="ImageId">Image id within the flow.</param>
/// <param name="LatencySeconds">From the source's envelope creation to the sink's write (wall clocks of two machines).</param>
/// <param name="BitsPerPixel">Bits of the last hop's hyper and main streams per original pixel.</param>
/// <param name="PsnrDb">PSNR against the reference image in dB, NaN without a reference.</param>
/// <param name="ImagePath">The reconstruction PNG, or null when images are not written.</param>
public sealed record SinkRecord(string Flow, long ImageId, double LatencySeconds, double BitsPerPixel, double PsnrDb, string? ImagePath);
