namespace EdgeCascade.Experiments.Reports;

/// <summary>
/// A result folder or file the report cannot use (missing folder, unknown schema, malformed CSV); the message is
/// one line naming the file and how to fix it. The CLI prints it and exits 2.
/// </summary>
public sealed class ReportInputException : Exception
{
    public ReportInputException()
    {
    }

    public ReportInputException(string message)
        : base(message)
    {
    }

    public ReportInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
