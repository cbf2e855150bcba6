namespace EdgeCascade.Experiments.Results;

/// <summary>The fields of the entropy document after its head.</summary>
internal sealed record EntropyBody(int SourceLevel, int TargetLevel, int MaxSamples, IReadOnlyList<EntropySeries> Series);
