namespace EdgeCascade.Runtime.Hosting;

/// <summary>Counters of one node since it started.</summary>
/// <param name="Received">Deliveries taken into work.</param>
/// <param name="Forwarded">Outputs published downstream (and confirmed).</param>
/// <param name="Delivered">Images written to the user at this sink.</param>
/// <param name="Duplicates">Redeliveries a sink recognised and dropped.</param>
/// <param name="Returned">Deliveries given back to the queue (nacked with requeue).</param>
/// <param name="Refused">Messages dropped as unusable (unknown flow, wrong node or policy, corrupt packet).</param>
/// <param name="StagesRun">
/// Codec stages (GPU jobs) this node ran: one per branch of a message, so a source runs one per image for all the flows
/// whose plans agree at it, however many flows the image serves.
/// </param>
public sealed record NodeStatistics(long Received, long Forwarded, long Delivered, long Duplicates, long Returned, long Refused, long StagesRun = 0);
