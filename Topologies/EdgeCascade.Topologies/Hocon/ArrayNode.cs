namespace EdgeCascade.Topologies.Hocon;

internal sealed class ArrayNode : HoconNode
{
    public ArrayNode(SourcePosition position, List<HoconNode> items)
        : base(position) => Items = items;

    /// <summary>Items; appended to in place by <c>+=</c> while the array is owned by the parser.</summary>
    public List<HoconNode> Items { get; }

    public bool Frozen { get; set; }

    public override bool IsConcrete => true;
}
