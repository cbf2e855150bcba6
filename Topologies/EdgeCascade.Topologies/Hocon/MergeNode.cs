namespace EdgeCascade.Topologies.Hocon;

/// <summary>
/// Values assigned to the same key that cannot be merged before resolution (an object over a
/// substitution, say). <see cref="Stack"/> is ordered highest priority first.
/// </summary>
internal sealed class MergeNode : HoconNode
{
    public MergeNode(SourcePosition position, List<HoconNode> stack)
        : base(position) => Stack = stack;

    public List<HoconNode> Stack { get; }
}
