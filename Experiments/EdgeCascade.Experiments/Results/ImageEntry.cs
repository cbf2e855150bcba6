namespace EdgeCascade.Experiments.Results;

/// <summary>One evaluation image of a compare document.</summary>
internal sealed record ImageEntry(string Name, int Width, int Height);
