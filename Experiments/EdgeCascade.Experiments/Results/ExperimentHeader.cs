namespace EdgeCascade.Experiments.Results;

/// <summary>The common head of every compare document.</summary>
internal sealed record ExperimentHeader(string Experiment, int SchemaVersion, string FamilyId, int Levels, long Seed, IReadOnlyList<ImageEntry> Images);
