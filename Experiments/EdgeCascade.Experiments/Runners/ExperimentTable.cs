namespace EdgeCascade.Experiments.Runners;

/// <summary>The printable form of an experiment: one title, column headers and string rows.</summary>
public sealed record ExperimentTable(string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);
