namespace EdgeCascade.Runtime.Clustering;

/// <summary>The raw benchmark sink's reply for one frame (plain Akka.Remote Tell, no delivery guarantee).</summary>
/// <param name="ImageId">The frame's image id.</param>
public sealed record RawAck(long ImageId);
