namespace EdgeCascade.Codec.Cascade;

/// <summary>Size of the original image and the zero padding (right, bottom) the codec adds to reach a multiple of 64.</summary>
public readonly record struct ImageGeometry(int Height, int Width, int PadBottom, int PadRight)
{
    public int PaddedHeight => Height + PadBottom;

    public int PaddedWidth => Width + PadRight;

    /// <summary>Pixels of the original image: the denominator of bits per pixel.</summary>
    public long Pixels => (long)Height * Width;

    public static ImageGeometry For(int height, int width, int multiple)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(multiple, 1);
        return new ImageGeometry(height, width, Pad(height, multiple), Pad(width, multiple));
    }

    private static int Pad(int size, int multiple) => ((size + multiple - 1) / multiple * multiple) - size;
}
