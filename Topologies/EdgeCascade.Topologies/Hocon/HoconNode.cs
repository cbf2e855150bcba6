namespace EdgeCascade.Topologies.Hocon;

/// <summary>
/// Internal syntax-tree node. Parsing produces objects, arrays and scalars plus the unresolved
/// kinds (substitution, concatenation, delayed merge, path-into); resolution leaves only the first three.
/// </summary>
internal abstract class HoconNode
{
    protected HoconNode(SourcePosition position) => Position = position;

    public SourcePosition Position { get; }

    /// <summary>
    /// The earlier value of the same field that this value already incorporates through a
    /// self-reference (<c>a = ${a} [x]</c>, <c>a += x</c>). Merging this over that value needs no
    /// delayed merge. Set once while parsing, before the node is shared.
    /// </summary>
    public HoconNode? Supersedes { get; set; }

    /// <summary>True for object, array and scalar nodes (their children may still be unresolved).</summary>
    public virtual bool IsConcrete => false;
}
