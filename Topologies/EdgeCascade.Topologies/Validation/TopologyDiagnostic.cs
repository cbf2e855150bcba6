namespace EdgeCascade.Topologies.Validation;

/// <summary>One problem found in a configuration, with where it is and how to fix it.</summary>
public sealed record TopologyDiagnostic(string File, int Line, int Column, string KeyPath, string Message, string Hint)
{
    /// <summary><c>file:line:column: message (key 'a.b'). Hint: ...</c> on one line.</summary>
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        var key = string.IsNullOrEmpty(KeyPath) ? string.Empty : $" (key '{KeyPath}')";
        var hint = string.IsNullOrEmpty(Hint) ? string.Empty : $". Hint: {Hint}";
        return $"{where}: {Message}{key}{hint}";
    }
}
