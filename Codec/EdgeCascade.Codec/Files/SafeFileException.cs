namespace EdgeCascade.Codec.Files;

/// <summary>
/// A file could not be read or written safely (empty path, a directory or device where a file belongs, a file
/// over its size limit, a failed write). The message is one complete line naming the path, the cause and the fix,
/// so a command can print it as is. An <see cref="IOException"/>, so callers that handle I/O failures handle it.
/// </summary>
public sealed class SafeFileException : IOException
{
    public SafeFileException()
    {
    }

    public SafeFileException(string message)
        : base(message)
    {
    }

    public SafeFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
