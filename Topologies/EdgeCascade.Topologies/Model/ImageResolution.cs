using System.Globalization;

namespace EdgeCascade.Topologies.Model;

/// <summary>The size of the images a scenario's cameras send, in pixels (<c>resolution = 1920x1080</c>).</summary>
/// <param name="Width">Pixels per row.</param>
/// <param name="Height">Rows.</param>
public sealed record ImageResolution(int Width, int Height)
{
    /// <summary>Largest side accepted: 16K video is 15360 pixels wide.</summary>
    public const int MaxSide = 16_384;

    /// <summary>Pixels per image.</summary>
    public long Pixels => (long)Width * Height;

    /// <summary>Parses <c>WIDTHxHEIGHT</c> (an <c>x</c> or <c>X</c> between two whole numbers of 1..<see cref="MaxSide"/>).</summary>
    public static bool TryParse(string? text, out ImageResolution? resolution)
    {
        resolution = null;
        string[] parts = (text ?? string.Empty).Trim().Split('x', 'X');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int width)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int height)
            || width is < 1 or > MaxSide
            || height is < 1 or > MaxSide)
        {
            return false;
        }

        resolution = new ImageResolution(width, height);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Width}x{Height}");
}
