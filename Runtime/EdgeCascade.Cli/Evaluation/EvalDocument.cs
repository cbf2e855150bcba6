using System.Text.Json.Serialization;

namespace EdgeCascade.Cli.Evaluation;

/// <summary>What <c>eval --json</c> prints and <c>--out</c> writes; <c>anchors</c> only when anchor codecs ran.</summary>
internal sealed record EvalDocument(
    string Family,
    string ImageFolder,
    int Threads,
    IReadOnlyList<EvalLevelEntry> Levels,
    IReadOnlyList<EvalImageEntry> Images,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, EvalAnchorEntry>? Anchors);
