namespace EdgeCascade.Cli.Commands;

/// <summary>How <c>topology show</c> prints.</summary>
public enum OutputFormat
{
    Text,
    Json,
    Dot,
}
