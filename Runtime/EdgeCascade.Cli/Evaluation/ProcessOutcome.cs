namespace EdgeCascade.Cli.Evaluation;

/// <summary>How a helper program ended and what it printed.</summary>
internal sealed record ProcessOutcome(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>
    /// The last non-empty line of stderr (else stdout), for one-line error messages: a Python traceback ends
    /// with the exception, and cjpeg/cwebp print a single line.
    /// </summary>
    public string ErrorSummary =>
        LastLine(StandardError) ?? LastLine(StandardOutput) ?? "no message";

    private static string? LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
}
