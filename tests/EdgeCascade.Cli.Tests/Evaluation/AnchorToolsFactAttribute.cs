using EdgeCascade.Cli.Evaluation;

namespace EdgeCascade.Cli.Tests.Evaluation;

/// <summary>A fact that xunit reports as skipped, with the reason, when the given anchor backend is not installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AnchorToolsFactAttribute : FactAttribute
{
    public AnchorToolsFactAttribute(AnchorBackend backend)
    {
        Backend = backend;
        var missing = backend switch
        {
            AnchorBackend.Tools => new[] { "cjpeg", "djpeg", "cwebp", "dwebp" }.Where(t => ExternalProcess.FindOnPath(t) is null).ToList(),
            _ => PilCodec.Create("jpeg", [50]) is null || PilCodec.Create("webp", [50]) is null ? [$"PIL with JPEG and WebP in {PilCodec.Python}"] : [],
        };
        if (missing.Count > 0)
        {
            Skip = $"anchor codecs not installed: {string.Join(", ", missing)} (apt-get install libjpeg-turbo-progs webp python3-pil)";
        }
    }

    public AnchorBackend Backend { get; }
}
