namespace EdgeCascade.Topologies.Hocon;

/// <summary>
/// One lexical token. <see cref="Text"/> is the decoded value for strings and the raw text otherwise;
/// substitutions carry their parsed <see cref="Path"/> and <see cref="Optional"/> flag.
/// </summary>
internal readonly record struct HoconToken(
    HoconTokenKind Kind,
    string Text,
    int Line,
    int Column,
    string[]? Path = null,
    bool Optional = false);
