namespace EdgeCascade.Topologies.Hocon;

/// <summary>A value found by resolving <see cref="Base"/> and then following <see cref="Rest"/> into it.</summary>
internal sealed class PathIntoNode : HoconNode
{
    public PathIntoNode(HoconNode baseNode, string[] rest)
        : base(baseNode.Position)
    {
        Base = baseNode;
        Rest = rest;
    }

    public HoconNode Base { get; }

    public string[] Rest { get; }
}
