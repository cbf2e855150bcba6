namespace EdgeCascade.Topologies.Hocon;

/// <summary>
/// A string, number, boolean or null. <see cref="Text"/> is the string value, or the number's source
/// text. <see cref="IsWhitespace"/> marks whitespace kept between the parts of a concatenation,
/// which is significant for strings and ignored between arrays or objects.
/// </summary>
internal sealed class ScalarNode : HoconNode
{
    public ScalarNode(SourcePosition position, HoconScalarKind kind, string text, bool isWhitespace = false)
        : base(position)
    {
        Kind = kind;
        Text = text;
        IsWhitespace = isWhitespace;
    }

    public HoconScalarKind Kind { get; }

    public string Text { get; }

    public bool IsWhitespace { get; }

    public override bool IsConcrete => true;
}
