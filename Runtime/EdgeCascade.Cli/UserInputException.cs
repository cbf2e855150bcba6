namespace EdgeCascade.Cli;

/// <summary>A problem with what the user asked for (bad option value, missing file); printed as one line, exit 2.</summary>
public sealed class UserInputException : Exception
{
    public UserInputException()
    {
    }

    public UserInputException(string message)
        : base(message)
    {
    }

    public UserInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
