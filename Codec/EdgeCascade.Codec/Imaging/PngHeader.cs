namespace EdgeCascade.Codec.Imaging;

/// <summary>The IHDR fields the decoder needs, validated.</summary>
internal readonly record struct PngHeader(int Width, int Height, int BitDepth, int ColorType, bool Interlaced)
{
    public const int Gray = 0;
    public const int Rgb = 2;
    public const int Palette = 3;
    public const int GrayAlpha = 4;
    public const int Rgba = 6;

    /// <summary>Samples per pixel.</summary>
    public int Channels => ColorType switch
    {
        Gray or Palette => 1,
        GrayAlpha => 2,
        Rgb => 3,
        _ => 4,
    };

    public int BitsPerPixel => Channels * BitDepth;

    /// <summary>Filter distance in bytes: bytes per complete pixel, at least 1.</summary>
    public int FilterStride => Math.Max(1, BitsPerPixel / 8);

    public long RowBytes(int width) => ((long)width * BitsPerPixel + 7) / 8;

    public static PngHeader Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length != 13)
        {
            throw new ImageFormatException($"corrupt PNG: IHDR has {data.Length} bytes, expected 13");
        }

        uint width = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(data);
        uint height = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        int bitDepth = data[8];
        int colorType = data[9];
        if (width == 0 || height == 0 || width > RgbImage.MaxSide || height > RgbImage.MaxSide || (long)width * height > RgbImage.MaxPixels)
        {
            throw new ImageFormatException(
                $"unsupported PNG: size {width}x{height} is outside 1..{RgbImage.MaxSide} per side or above {RgbImage.MaxPixels} pixels");
        }

        bool valid = colorType switch
        {
            Gray => bitDepth is 1 or 2 or 4 or 8 or 16,
            Palette => bitDepth is 1 or 2 or 4 or 8,
            Rgb or GrayAlpha or Rgba => bitDepth is 8 or 16,
            _ => false,
        };
        if (!valid)
        {
            throw new ImageFormatException($"corrupt PNG: colour type {colorType} with bit depth {bitDepth} is not a valid combination");
        }

        if (data[10] != 0 || data[11] != 0)
        {
            throw new ImageFormatException(
                $"unsupported PNG: compression method {data[10]} / filter method {data[11]} (only 0 / 0 exist)");
        }

        if (data[12] > 1)
        {
            throw new ImageFormatException($"corrupt PNG: interlace method {data[12]} does not exist");
        }

        return new PngHeader((int)width, (int)height, bitDepth, colorType, data[12] == 1);
    }
}
