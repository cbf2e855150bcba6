namespace EdgeCascade.Cli.Commands;

/// <summary>What <c>report --json</c> prints: the HTML file written, its section count and the files it was made from.</summary>
internal sealed record ReportOutcome(string Report, int Sections, IReadOnlyList<string> Inputs);
