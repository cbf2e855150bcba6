namespace EdgeCascade.Codec.Imaging;

/// <summary>
/// Reverses PNG row filters and converts unfiltered rows of any supported format to 8-bit RGB.
/// Gray is replicated to three channels, alpha is dropped, 16-bit samples are scaled with rounding
/// (<c>(v * 255 + 32767) / 65535</c>) and sub-byte samples are scaled to the full 0..255 range.
/// </summary>
internal static class PngScanlines
{
    /// <summary>Reverses the filter of <paramref name="row"/> in place given the previous unfiltered row.</summary>
    public static void Unfilter(int filter, Span<byte> row, ReadOnlySpan<byte> previous, int stride)
    {
        switch (filter)
        {
            case 0:
                break;
            case 1:
                for (int i = stride; i < row.Length; i++)
                {
                    row[i] += row[i - stride];
                }

                break;
            case 2:
                for (int i = 0; i < row.Length; i++)
                {
                    row[i] += previous[i];
                }

                break;
            case 3:
                for (int i = 0; i < row.Length; i++)
                {
                    int left = i >= stride ? row[i - stride] : 0;
                    row[i] += (byte)((left + previous[i]) >> 1);
                }

                break;
            case 4:
                for (int i = 0; i < row.Length; i++)
                {
                    int left = i >= stride ? row[i - stride] : 0;
                    int upLeft = i >= stride ? previous[i - stride] : 0;
                    row[i] += (byte)Paeth(left, previous[i], upLeft);
                }

                break;
            default:
                throw new ImageFormatException($"corrupt PNG: row filter type {filter} does not exist (0..4)");
        }
    }

    public static int Paeth(int left, int up, int upLeft)
    {
        int estimate = left + up - upLeft;
        int distanceLeft = Math.Abs(estimate - left);
        int distanceUp = Math.Abs(estimate - up);
        int distanceUpLeft = Math.Abs(estimate - upLeft);
        if (distanceLeft <= distanceUp && distanceLeft <= distanceUpLeft)
        {
            return left;
        }

        return distanceUp <= distanceUpLeft ? up : upLeft;
    }

    /// <summary>
    /// Writes the pixels of one unfiltered row to <paramref name="rgb"/> (the whole image), pixel x of the row
    /// going to column <c>xStart + x * xStep</c> of image row <paramref name="y"/>.
    /// </summary>
    public static void ConvertRow(
        in PngHeader header, ReadOnlySpan<byte> row, int pixels, ReadOnlySpan<byte> palette, Span<byte> rgb, int y, int xStart, int xStep)
    {
        int depth = header.BitDepth;
        int channels = header.Channels;
        for (int x = 0; x < pixels; x++)
        {
            int target = 3 * ((y * header.Width) + xStart + (x * xStep));
            if (header.ColorType == PngHeader.Palette)
            {
                int index = Sample(row, x, depth);
                if (3 * index + 2 >= palette.Length)
                {
                    throw new ImageFormatException(
                        $"corrupt PNG: palette index {index} at row {y} but the palette has {palette.Length / 3} entries");
                }

                rgb[target] = palette[3 * index];
                rgb[target + 1] = palette[(3 * index) + 1];
                rgb[target + 2] = palette[(3 * index) + 2];
            }
            else if (channels <= 2)
            {
                byte gray = Scaled(row, x * channels, depth);
                rgb[target] = gray;
                rgb[target + 1] = gray;
                rgb[target + 2] = gray;
            }
            else
            {
                rgb[target] = Scaled(row, x * channels, depth);
                rgb[target + 1] = Scaled(row, (x * channels) + 1, depth);
                rgb[target + 2] = Scaled(row, (x * channels) + 2, depth);
            }
        }
    }

    // Raw value of sample number 'index' of a row of 'depth'-bit samples (big-endian, MSB first).
    private static int Sample(ReadOnlySpan<byte> row, int index, int depth)
    {
        switch (depth)
        {
            case 8:
                return row[index];
            case 16:
                return (row[2 * index] << 8) | row[(2 * index) + 1];
            default:
                int bit = index * depth;
                int shift = 8 - depth - (bit & 7);
                return (row[bit >> 3] >> shift) & ((1 << depth) - 1);
        }
    }

    private static byte Scaled(ReadOnlySpan<byte> row, int index, int depth)
    {
        int value = Sample(row, index, depth);
        return depth switch
        {
            8 => (byte)value,
            16 => (byte)(((value * 255) + 32767) / 65535),
            _ => (byte)(value * 255 / ((1 << depth) - 1)),
        };
    }
}
