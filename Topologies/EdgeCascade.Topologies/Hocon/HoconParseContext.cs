namespace EdgeCascade.Topologies.Hocon;

/// <summary>State shared by a document's parser and the parsers of the files it includes.</summary>
internal sealed class HoconParseContext
{
    /// <summary>Deepest nesting of objects, arrays and path segments accepted (guards the stack).</summary>
    public const int MaxNesting = 200;

    public HoconParseContext(HoconLoadOptions options) => Options = options;

    public HoconLoadOptions Options { get; }

    /// <summary>Open object literals, outermost first; used to find a field's value before a self-reference.</summary>
    public List<HoconParseFrame> Frames { get; } = [];

    /// <summary>Full paths of the files currently being read, outermost first.</summary>
    public List<string> IncludeStack { get; } = [];

    public int IncludeDepth { get; set; }

    public int Nesting { get; set; }
}
