namespace EdgeCascade.Experiments.Results;

/// <summary>The fields of the policies document after its head.</summary>
internal sealed record PolicyBody(IReadOnlyList<PolicyRow> Rows);
