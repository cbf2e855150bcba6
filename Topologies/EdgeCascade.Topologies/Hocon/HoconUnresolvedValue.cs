namespace EdgeCascade.Topologies.Hocon;

/// <summary>A value of an unresolved tree (from <see cref="HoconLoader.ParseString"/>) that still holds substitutions.</summary>
internal sealed class HoconUnresolvedValue : HoconValue
{
    internal HoconUnresolvedValue(HoconNode node, string path)
        : base(node.Position, path)
    {
    }

    public override string AsString() => throw Unresolved();

    public override double AsDouble() => throw Unresolved();

    public override int AsInt() => throw Unresolved();

    public override long AsLong() => throw Unresolved();

    public override bool AsBool() => throw Unresolved();

    public override TimeSpan AsDuration() => throw Unresolved();

    public override long AsBytes() => throw Unresolved();

    public override double AsBitsPerSecond() => throw Unresolved();

    public override double AsFlops() => throw Unresolved();

    public override HoconObject AsObject() => throw Unresolved();

    public override IReadOnlyList<HoconValue> AsList() => throw Unresolved();

    internal override string Describe() => "an unresolved value";

    private HoconException Unresolved() =>
        new(Position, Path, "value contains substitutions that have not been resolved", "load with HoconLoader.LoadString/LoadFile, or call HoconLoader.Resolve first");
}
