namespace EdgeCascade.Cli;

/// <summary>Process exit codes every command follows.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int InternalError = 1;
    public const int BadInput = 2;

    /// <summary>Stopped by Ctrl-C (SIGINT) after writing valid partial results: 128 + SIGINT, as shells report it, so scripts can tell.</summary>
    public const int Interrupted = 130;
}
