namespace EdgeCascade.Topologies.Hocon;

/// <summary>
/// Any failure to read, resolve or convert HOCON. The message is one line:
/// <c>file:line:col: reason (key 'a.b'). Hint: ...</c>.
/// </summary>
public sealed class HoconException : Exception
{
    public HoconException(SourcePosition position, string keyPath, string message, string hint)
        : base(Format(position, keyPath, message, hint))
    {
        Position = position;
        KeyPath = keyPath ?? string.Empty;
        Reason = message ?? string.Empty;
        Hint = hint ?? string.Empty;
    }

    public SourcePosition Position { get; }

    public string KeyPath { get; }

    public string Reason { get; }

    public string Hint { get; }

    private static string Format(SourcePosition position, string? keyPath, string? message, string? hint)
    {
        string key = string.IsNullOrEmpty(keyPath) ? "at the root" : $"key '{keyPath}'";
        string text = $"{position}: {message} ({key}). Hint: {hint}";

        // The message stays on one line even when it quotes multi-line values.
        return text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }
}
