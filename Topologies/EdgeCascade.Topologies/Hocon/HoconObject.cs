using System.Diagnostics.CodeAnalysis;

namespace EdgeCascade.Topologies.Hocon;

/// <summary>
/// An object with its keys in insertion order. Objects returned by <see cref="HoconLoader.ParseString"/>
/// are unresolved: their substitution-bearing values throw until <see cref="HoconLoader.Resolve"/>.
/// </summary>
public sealed class HoconObject : HoconValue
{
    private readonly Dictionary<string, HoconValue> _values;

    internal HoconObject(ObjectNode node, string path, bool resolved)
        : base(node.Position, path)
    {
        Node = node;
        IsResolved = resolved;
        _values = new Dictionary<string, HoconValue>(node.Fields.Count, StringComparer.Ordinal);
        var keys = new string[node.Fields.Count];
        int i = 0;
        foreach (KeyValuePair<string, HoconNode> field in node.Fields)
        {
            keys[i++] = field.Key;
            _values.Add(field.Key, Wrap(field.Value, HoconPaths.Append(path, field.Key), resolved));
        }

        Keys = keys;
    }

    public IReadOnlyList<string> Keys { get; }

    internal ObjectNode Node { get; }

    internal bool IsResolved { get; }

    /// <summary>The value of one key (no path splitting: <c>"a.b"</c> is a single key).</summary>
    public HoconValue this[string key]
    {
        get
        {
            if (TryGetValue(key, out HoconValue? value))
            {
                return value;
            }

            string? closest = HoconUnits.Closest(key, Keys);
            string where = Path.Length == 0 ? "at the root" : $"in '{Path}'";
            string hint = closest is not null
                ? $"did you mean '{closest}'?"
                : Keys.Count == 0 ? $"add '{key}' {where}" : $"add '{key}' {where}; existing keys: {string.Join(", ", Keys.Take(10))}";
            throw new HoconException(Position, HoconPaths.Append(Path, key), $"missing key '{key}'", hint);
        }
    }

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out HoconValue value) => _values.TryGetValue(key, out value);

    /// <summary>The value at a dotted path such as <c>a.b."c.d"</c>, or null when any part is missing.</summary>
    public HoconValue? Find(string path)
    {
        string[]? segments = HoconPaths.TryParse(path);
        if (segments is null)
        {
            return null;
        }

        HoconValue current = this;
        foreach (string segment in segments)
        {
            if (current is not HoconObject obj || !obj.TryGetValue(segment, out HoconValue? next))
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    /// <summary>
    /// This object merged over <paramref name="fallback"/>: keys of this object win, nested objects merge,
    /// and unbound self-references here (<c>a = ${a} [x]</c>) see the fallback's value.
    /// </summary>
    public HoconObject WithFallback(HoconObject fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        var merged = (ObjectNode)HoconMerger.Merge(Node, fallback.Node, []);
        HoconMerger.Freeze(merged);
        return new HoconObject(merged, Path, IsResolved && fallback.IsResolved);
    }

    /// <summary>Compact JSON with keys in insertion order.</summary>
    public string ToJson() => HoconJsonWriter.Write(Node, Path, indented: false);

    public string ToJson(bool indented) => HoconJsonWriter.Write(Node, Path, indented);

    public override HoconObject AsObject() => this;

    internal override string Describe() => Keys.Count == 0 ? "an empty object" : $"an object with keys {string.Join(", ", Keys.Take(5))}{(Keys.Count > 5 ? ", ..." : string.Empty)}";
}
