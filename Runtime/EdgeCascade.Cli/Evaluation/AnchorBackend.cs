namespace EdgeCascade.Cli.Evaluation;

/// <summary>Which implementation codes the classic anchors.</summary>
public enum AnchorBackend
{
    /// <summary>Debian's cjpeg/cwebp when installed, else PIL through /usr/bin/python3.</summary>
    Auto,

    /// <summary>Only cjpeg/djpeg and cwebp/dwebp.</summary>
    Tools,

    /// <summary>Only PIL through /usr/bin/python3.</summary>
    Pil,
}
