namespace EdgeCascade.Simulation.Engine;

/// <summary>A source with several flows: it encodes each captured image once for all of them.</summary>
/// <param name="Source">The source node.</param>
/// <param name="Flows">Its flows, in the topology's order.</param>
/// <param name="SharedLinks">Links (<c>from->to</c>) that carry one latent for two or more of them, in path order.</param>
public sealed record SourceSharing(string Source, IReadOnlyList<string> Flows, IReadOnlyList<string> SharedLinks);
