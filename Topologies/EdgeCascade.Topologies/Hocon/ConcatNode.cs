namespace EdgeCascade.Topologies.Hocon;

/// <summary>Value concatenation (<c>foo ${bar} baz</c>, <c>${a} [x]</c>, <c>${o} { k : v }</c>).</summary>
internal sealed class ConcatNode : HoconNode
{
    public ConcatNode(SourcePosition position, List<HoconNode> parts, string keyPath)
        : base(position)
    {
        Parts = parts;
        KeyPath = keyPath;
    }

    public List<HoconNode> Parts { get; }

    public string KeyPath { get; }
}
