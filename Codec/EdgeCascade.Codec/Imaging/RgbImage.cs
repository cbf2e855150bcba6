namespace EdgeCascade.Codec.Imaging;

/// <summary>
/// An 8-bit RGB image, pixels interleaved row by row (R, G, B, R, G, B, ...). This is the codec's pixel
/// format: readers convert gray, palette, alpha and 16-bit inputs to it.
/// </summary>
public sealed class RgbImage
{
    /// <summary>Largest accepted side, keeps corrupt headers from requesting huge buffers.</summary>
    public const int MaxSide = 1 << 15;

    /// <summary>Largest accepted pixel count (about 134 megapixels).</summary>
    public const long MaxPixels = 1L << 27;

    private readonly byte[] _pixels;

    /// <summary>A black image.</summary>
    public RgbImage(int width, int height)
        : this(width, height, new byte[CheckedSize(width, height)])
    {
    }

    /// <summary>Wraps <paramref name="pixels"/> (3 * width * height bytes, not copied).</summary>
    public RgbImage(int width, int height, byte[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        long size = CheckedSize(width, height);
        if (pixels.Length != size)
        {
            throw new ArgumentException($"expected {size} pixel bytes for {width}x{height} RGB, got {pixels.Length}", nameof(pixels));
        }

        Width = width;
        Height = height;
        _pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Interleaved RGB bytes, <c>3 * Width * Height</c> of them.</summary>
    public Span<byte> Pixels => _pixels;

    /// <summary>
    /// Converts an image in [0, 1], planar CHW (R plane, G plane, B plane), to 8 bits as CompressAI's eval does:
    /// <c>round(clamp(x * 255, 0, 255))</c> in float32 with ties to even; NaN becomes 0.
    /// </summary>
    public static RgbImage FromPlanarFloat(ReadOnlySpan<float> chw, int width, int height)
    {
        int size = CheckedSize(width, height);
        int plane = size / 3;
        if (chw.Length != size)
        {
            throw new ArgumentException($"expected {size} floats for 3x{height}x{width}, got {chw.Length}", nameof(chw));
        }

        var pixels = new byte[size];
        for (int c = 0; c < 3; c++)
        {
            ReadOnlySpan<float> source = chw.Slice(c * plane, plane);
            for (int i = 0; i < plane; i++)
            {
                float scaled = source[i] * 255f;
                pixels[(3 * i) + c] = float.IsNaN(scaled) ? (byte)0 : (byte)MathF.Round(Math.Clamp(scaled, 0f, 255f));
            }
        }

        return new RgbImage(width, height, pixels);
    }

    /// <summary>The image as float CHW in [0, 1] (value / 255), the codec's input layout.</summary>
    public float[] ToPlanarFloat()
    {
        int plane = Width * Height;
        var chw = new float[3 * plane];
        for (int i = 0; i < plane; i++)
        {
            chw[i] = _pixels[3 * i] / 255f;
            chw[plane + i] = _pixels[(3 * i) + 1] / 255f;
            chw[(2 * plane) + i] = _pixels[(3 * i) + 2] / 255f;
        }

        return chw;
    }

    /// <summary>The top-left <paramref name="width"/> x <paramref name="height"/> region as a new image.</summary>
    public RgbImage Crop(int width, int height)
    {
        if (width < 1 || width > Width || height < 1 || height > Height)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"crop {width}x{height} must lie within {Width}x{Height}");
        }

        var result = new RgbImage(width, height);
        for (int y = 0; y < height; y++)
        {
            _pixels.AsSpan(3 * y * Width, 3 * width).CopyTo(result._pixels.AsSpan(3 * y * width));
        }

        return result;
    }

    internal static int CheckedSize(int width, int height)
    {
        if (width < 1 || height < 1 || width > MaxSide || height > MaxSide || (long)width * height > MaxPixels)
        {
            throw new ArgumentOutOfRangeException(
                nameof(width), $"image size {width}x{height} is outside 1..{MaxSide} per side or above {MaxPixels} pixels");
        }

        return 3 * width * height;
    }
}
