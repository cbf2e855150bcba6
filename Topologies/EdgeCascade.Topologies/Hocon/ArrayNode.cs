namespace EdgeCascade.Topologies.Hocon;

internal sealed class ArrayNode : HoconNode
{
    public ArrayNode(SourcePosition position, List<HoconNode> items)
        : base(position) => Items = items;

    public List<HoconNode> Items { get; }

    public override bool IsConcrete => true;
}
