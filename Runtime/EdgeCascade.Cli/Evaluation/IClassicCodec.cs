using EdgeCascade.Codec.Imaging;

namespace EdgeCascade.Cli.Evaluation;

/// <summary>A classic image codec used as an anchor curve: codes an image at each of its qualities and decodes it again.</summary>
internal interface IClassicCodec
{
    /// <summary>The anchor name on the command line and in the JSON (<c>jpeg</c>, <c>webp</c>).</summary>
    string Name { get; }

    /// <summary>What actually coded the images, with its version, for the report.</summary>
    string Tool { get; }

    IReadOnlyList<int> Qualities { get; }

    /// <summary>Codes <paramref name="image"/> at every quality, using <paramref name="workDirectory"/> for temporary files.</summary>
    IReadOnlyList<ClassicCoding> Code(RgbImage image, string workDirectory);
}
