namespace EdgeCascade.Topologies.Hocon;

/// <summary>
/// Internal syntax-tree node. Parsing produces objects, arrays and scalars plus the unresolved
/// kinds (substitution, concatenation, delayed merge, path-into); resolution leaves only the first three.
/// </summary>
internal abstract class HoconNode
{
    protected HoconNode(SourcePosition position) => Position = position;

    public SourcePosition Position { get; }

    /// <summary>True for object, array and scalar nodes (their children may still be unresolved).</summary>
    public virtual bool IsConcrete => false;
}
