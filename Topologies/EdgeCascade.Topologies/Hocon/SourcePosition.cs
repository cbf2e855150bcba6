namespace EdgeCascade.Topologies.Hocon;

/// <summary>A location in a HOCON source: file name (or source name), 1-based line and 1-based column.</summary>
public readonly record struct SourcePosition(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
