namespace EdgeCascade.Topologies.Hocon;

/// <summary>
/// A value in a loaded configuration, with where it was defined (<see cref="Position"/>) and
/// where it sits (<see cref="Path"/>). The <c>As*</c> conversions throw <see cref="HoconException"/>
/// naming both, the expected type and a fix when the value does not fit.
/// </summary>
public abstract class HoconValue
{
    private protected HoconValue(SourcePosition position, string path)
    {
        Position = position;
        Path = path;
    }

    public SourcePosition Position { get; }

    /// <summary>Full key path such as <c>topologies.two-stage.nodes.camera</c>; array elements end in <c>[i]</c>.</summary>
    public string Path { get; }

    public virtual bool IsNull => false;

    public virtual string AsString() => throw Mismatch("a string", "\"text\"");

    public virtual double AsDouble() => throw Mismatch("a number", "1.5");

    public virtual int AsInt() => throw Mismatch("an integer", "42");

    public virtual long AsLong() => throw Mismatch("an integer", "42");

    public virtual bool AsBool() => throw Mismatch("a boolean", "true");

    /// <summary>A duration such as <c>250ms</c> or <c>1.5 min</c>; a bare number is milliseconds.</summary>
    public virtual TimeSpan AsDuration() => throw Mismatch("a duration", "500ms");

    /// <summary>A size such as <c>64KiB</c> or <c>2 GB</c>; a bare number is bytes.</summary>
    public virtual long AsBytes() => throw Mismatch("a size", "64MiB");

    /// <summary>A bandwidth such as <c>10 Mbps</c> or <c>1 MiB/s</c>; a bare number is bits per second.</summary>
    public virtual double AsBitsPerSecond() => throw Mismatch("a bandwidth", "20 Mbps");

    /// <summary>A compute rate such as <c>5 TFLOPS</c>; a bare number is FLOP/s.</summary>
    public virtual double AsFlops() => throw Mismatch("a compute rate", "15 TFLOPS");

    public virtual HoconObject AsObject() => throw Mismatch("an object", "{ key = value }");

    public virtual IReadOnlyList<HoconValue> AsList() => throw Mismatch("an array", "[1, 2]");

    public override string ToString() => $"{Describe()} at {Position}";

    internal abstract string Describe();

    internal static HoconValue Wrap(HoconNode node, string path, bool resolved) => node switch
    {
        ObjectNode obj => new HoconObject(obj, path, resolved),
        ArrayNode array => new HoconArray(array, path, resolved),
        ScalarNode scalar => new HoconScalar(scalar, path),
        _ => new HoconUnresolvedValue(node, path),
    };

    private protected HoconException Mismatch(string expected, string example) =>
        new(Position, Path, $"expected {expected} but found {Describe()}", $"set it like {LastKey()} = {example}");

    private protected string LastKey()
    {
        int dot = Path.LastIndexOf('.');
        return dot < 0 ? (Path.Length == 0 ? "key" : Path) : Path[(dot + 1)..];
    }
}
