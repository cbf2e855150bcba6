namespace EdgeCascade.Topologies.Hocon;

/// <summary>
/// <c>${path}</c> or <c>${?path}</c>. A self-reference (the path names the field being set, or
/// something inside it) resolves against <see cref="Prior"/>, the value the field had before this
/// assignment. A self-reference with no prior value while parsing stays unbound so that a fallback
/// layer merged underneath later can supply it.
/// </summary>
internal sealed class SubstitutionNode : HoconNode
{
    public SubstitutionNode(
        SourcePosition position,
        string[] path,
        bool optional,
        string[] includePrefix,
        string keyPath)
        : base(position)
    {
        Path = path;
        Optional = optional;
        IncludePrefix = includePrefix;
        KeyPath = keyPath;
    }

    public string[] Path { get; }

    public bool Optional { get; }

    /// <summary>Location of the including object when this came from an included file; tried first.</summary>
    public string[] IncludePrefix { get; }

    /// <summary>Rendered path of the field holding this substitution, for error messages.</summary>
    public string KeyPath { get; }

    /// <summary>Absolute path of the field being set when this is a self-reference, else null.</summary>
    public string[]? SelfPath { get; init; }

    /// <summary>Path below <see cref="SelfPath"/> still to navigate inside the prior value.</summary>
    public string[] SelfRemainder { get; init; } = [];

    public HoconNode? Prior { get; init; }

    public bool PriorBound { get; init; }

    public string DisplayText => (Optional ? "${?" : "${") + HoconPaths.Render(Path) + "}";

    public SubstitutionNode BindPrior(HoconNode? prior) => new(Position, Path, Optional, IncludePrefix, KeyPath)
    {
        SelfPath = SelfPath,
        SelfRemainder = SelfRemainder,
        Prior = prior,
        PriorBound = true,
    };
}
