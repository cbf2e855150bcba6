namespace EdgeCascade.Topologies.Hocon;

/// <summary>An array; element paths are the array's path plus <c>[i]</c>.</summary>
public sealed class HoconArray : HoconValue
{
    internal HoconArray(ArrayNode node, string path, bool resolved)
        : base(node.Position, path)
    {
        var items = new HoconValue[node.Items.Count];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = Wrap(node.Items[i], HoconPaths.AppendIndex(path, i), resolved);
        }

        Items = items;
    }

    public IReadOnlyList<HoconValue> Items { get; }

    public override IReadOnlyList<HoconValue> AsList() => Items;

    internal override string Describe() => $"an array of {Items.Count} element(s)";
}
