using EdgeCascade.Runtime.Clustering;

namespace EdgeCascade.Runtime.Durability;

/// <summary>An image held in a <see cref="DurableSourceQueue"/>.</summary>
/// <param name="EntryId">Its entry in the queue file (for <see cref="DurableSourceQueue.Complete"/>).</param>
/// <param name="Frame">The envelope and the image bytes as the sender sent them.</param>
public sealed record QueuedImage(long EntryId, LatentFrame Frame);
