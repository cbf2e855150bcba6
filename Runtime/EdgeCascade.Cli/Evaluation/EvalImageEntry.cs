namespace EdgeCascade.Cli.Evaluation;

/// <summary>One image and its results per level.</summary>
internal sealed record EvalImageEntry(string Name, int Width, int Height, IReadOnlyList<EvalImageLevelEntry> Levels);
