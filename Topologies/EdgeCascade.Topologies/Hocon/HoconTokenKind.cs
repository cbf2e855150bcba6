namespace EdgeCascade.Topologies.Hocon;

internal enum HoconTokenKind
{
    Whitespace,
    Newline,
    Comma,
    Colon,
    Equals,
    PlusEquals,
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    QuotedString,
    TripleQuotedString,
    Unquoted,
    Substitution,
    EndOfFile,
}
