namespace EdgeCascade.Cli.Evaluation;

/// <summary>Finds the classic anchor codecs named by <c>--anchors</c>.</summary>
internal static class ClassicCodecs
{
    public static readonly string[] Known = ["jpeg", "webp"];

    // The quality ladders of training/eval_reference.py, so the BD-rates here and in training/results compare;
    // they reach below the family's lowest rate (~0.05 bpp) and above its highest (~1.1 bpp).
    private static readonly int[] s_jpegQualities = [1, 2, 3, 5, 10, 15, 20, 30, 40, 50, 60, 75, 90];
    private static readonly int[] s_webpQualities = [0, 2, 5, 10, 20, 30, 40, 50, 65, 80, 90];

    /// <summary>Parses a comma-separated list of anchor names (empty list when <paramref name="text"/> is null).</summary>
    /// <exception cref="UserInputException">An unknown or repeated name.</exception>
    public static IReadOnlyList<string> ParseNames(string? text)
    {
        if (text is null)
        {
            return [];
        }

        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => n.ToLowerInvariant())
            .ToList();
        if (names.Count == 0)
        {
            throw new UserInputException($"--anchors '{text}' names no codec; use one or more of {string.Join(",", Known)}");
        }

        foreach (var name in names.Where(n => !Known.Contains(n)))
        {
            throw new UserInputException($"--anchors: unknown codec '{name}'; use one or more of {string.Join(",", Known)}");
        }

        if (names.Distinct().Count() != names.Count)
        {
            throw new UserInputException($"--anchors '{text}' names a codec twice");
        }

        return names;
    }

    /// <summary>The codec for each name, from the requested backend.</summary>
    /// <exception cref="UserInputException">No implementation of a codec is installed.</exception>
    public static IReadOnlyList<IClassicCodec> Resolve(IReadOnlyList<string> names, AnchorBackend backend) =>
        names.Select(name => Resolve(name, backend)).ToList();

    private static IClassicCodec Resolve(string name, AnchorBackend backend)
    {
        var qualities = name == "jpeg" ? s_jpegQualities : s_webpQualities;
        IClassicCodec? codec = null;
        if (backend != AnchorBackend.Pil)
        {
            codec = name == "jpeg" ? ToolCodec.Jpeg(qualities) : ToolCodec.Webp(qualities);
        }

        if (codec is null && backend != AnchorBackend.Tools)
        {
            codec = PilCodec.Create(name, qualities);
        }

        if (codec is null)
        {
            var tools = name == "jpeg" ? "cjpeg/djpeg (apt-get install libjpeg-turbo-progs)" : "cwebp/dwebp (apt-get install webp)";
            throw new UserInputException(backend switch
            {
                AnchorBackend.Tools => $"--anchors {name}: {tools} not found",
                AnchorBackend.Pil => $"--anchors {name}: PIL with {name} support not found in {PilCodec.Python} (apt-get install python3-pil)",
                _ => $"--anchors {name}: neither {tools} nor PIL in {PilCodec.Python} (apt-get install python3-pil) is installed",
            });
        }

        return codec;
    }
}
