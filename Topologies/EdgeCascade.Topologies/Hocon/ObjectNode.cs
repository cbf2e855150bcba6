namespace EdgeCascade.Topologies.Hocon;

/// <summary>
/// An object with fields in insertion order. The parser mutates objects it owns while merging
/// duplicate keys; <see cref="Frozen"/> objects are shared and are copied before any change.
/// </summary>
internal sealed class ObjectNode : HoconNode
{
    public ObjectNode(SourcePosition position)
        : base(position)
    {
    }

    public OrderedDictionary<string, HoconNode> Fields { get; } = new(StringComparer.Ordinal);

    public bool Frozen { get; set; }

    public override bool IsConcrete => true;

    public ObjectNode Copy()
    {
        var copy = new ObjectNode(Position);
        foreach (KeyValuePair<string, HoconNode> field in Fields)
        {
            copy.Fields.Add(field.Key, field.Value);
        }

        return copy;
    }
}
