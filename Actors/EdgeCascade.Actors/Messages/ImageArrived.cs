namespace EdgeCascade.Actors.Messages;

/// <summary>An image appeared at its flow's source node (told by the workload or the camera).</summary>
/// <param name="Image">The image's accounting; its flow tells the node which plan to run.</param>
/// <param name="Payload">The raw image for the real codec, or null when the stage executor samples a profile.</param>
/// <param name="Riders">
/// The same captured image in the source's other flows: the source encodes it once for all of them (g_a^s once) and
/// forks where their plans differ. Null or empty for a flow of its own.
/// </param>
public sealed record ImageArrived(ImageTrace Image, object? Payload = null, IReadOnlyList<ImageTrace>? Riders = null);
