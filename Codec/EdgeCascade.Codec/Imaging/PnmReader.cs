namespace EdgeCascade.Codec.Imaging;

/// <summary>
/// Netpbm reader for P5 (binary gray), P6 (binary RGB), P2 (text gray) and P3 (text RGB), any maxval up to
/// 65535 (two big-endian bytes per sample above 255). Samples are scaled to 8 bits with rounding.
/// </summary>
public static class PnmReader
{
    /// <summary>True when <paramref name="data"/> starts like a P2/P3/P5/P6 file.</summary>
    public static bool HasSignature(ReadOnlySpan<byte> data) =>
        data.Length >= 2 && data[0] == (byte)'P' && data[1] is (byte)'2' or (byte)'3' or (byte)'5' or (byte)'6';

    /// <summary>Decodes a whole PPM/PGM file.</summary>
    /// <exception cref="ImageFormatException">The data is not a supported Netpbm image or is malformed.</exception>
    public static RgbImage Read(ReadOnlySpan<byte> data)
    {
        if (data.Length < 2 || data[0] != (byte)'P')
        {
            throw new ImageFormatException("not a PPM/PGM file: it does not start with 'P'");
        }

        char kind = (char)data[1];
        if (kind is not ('2' or '3' or '5' or '6'))
        {
            throw new ImageFormatException($"unsupported Netpbm type 'P{kind}': only P2, P3, P5 and P6 are read");
        }

        int position = 2;
        int width = ReadHeaderNumber(data, ref position, "width");
        int height = ReadHeaderNumber(data, ref position, "height");
        int maxValue = ReadHeaderNumber(data, ref position, "maxval");
        if (maxValue is < 1 or > 65535)
        {
            throw new ImageFormatException($"corrupt PPM/PGM: maxval {maxValue} is outside 1..65535");
        }

        if (width < 1 || height < 1 || width > RgbImage.MaxSide || height > RgbImage.MaxSide || (long)width * height > RgbImage.MaxPixels)
        {
            throw new ImageFormatException(
                $"unsupported PPM/PGM: size {width}x{height} is outside 1..{RgbImage.MaxSide} per side or above {RgbImage.MaxPixels} pixels");
        }

        bool color = kind is '3' or '6';
        bool binary = kind is '5' or '6';
        int channels = color ? 3 : 1;
        long samples = (long)width * height * channels;

        // Check the raster can be present before allocating: binary samples take 1-2 bytes, text ones at least 2.
        long minimumRaster = binary ? samples * (maxValue > 255 ? 2 : 1) : (2 * samples) - 1;
        if (data.Length - position < minimumRaster)
        {
            throw new ImageFormatException(
                $"truncated PPM/PGM: a {width}x{height} raster needs at least {minimumRaster} bytes, got {data.Length - position}; the file is incomplete");
        }

        var rgb = new byte[3L * width * height];

        if (binary)
        {
            // Exactly one whitespace byte separates maxval from the raster.
            if (position >= data.Length || !IsWhitespace(data[position]))
            {
                throw new ImageFormatException("corrupt PPM/PGM: no whitespace after maxval");
            }

            position++;
            int bytesPerSample = maxValue > 255 ? 2 : 1;
            long needed = samples * bytesPerSample;
            if (data.Length - position < needed)
            {
                throw new ImageFormatException(
                    $"truncated PPM/PGM: expected {needed} raster bytes, got {data.Length - position}; the file is incomplete");
            }

            for (long i = 0; i < samples; i++)
            {
                int offset = position + (int)(i * bytesPerSample);
                int value = bytesPerSample == 1 ? data[offset] : (data[offset] << 8) | data[offset + 1];
                Store(rgb, i, Scale(value, maxValue), color);
            }
        }
        else
        {
            for (long i = 0; i < samples; i++)
            {
                int value = ReadNumber(data, ref position, "sample");
                Store(rgb, i, Scale(value, maxValue), color);
            }
        }

        return new RgbImage(width, height, rgb);
    }

    /// <summary>Reads and decodes a PPM/PGM file from disk.</summary>
    public static RgbImage ReadFile(string path) => Read(File.ReadAllBytes(path));

    private static void Store(byte[] rgb, long sample, byte value, bool color)
    {
        if (color)
        {
            rgb[sample] = value;
        }
        else
        {
            rgb[3 * sample] = value;
            rgb[(3 * sample) + 1] = value;
            rgb[(3 * sample) + 2] = value;
        }
    }

    private static byte Scale(int value, int maxValue)
    {
        if (value > maxValue)
        {
            throw new ImageFormatException($"corrupt PPM/PGM: sample {value} exceeds maxval {maxValue}");
        }

        return maxValue == 255 ? (byte)value : (byte)(((value * 255L) + (maxValue / 2)) / maxValue);
    }

    private static int ReadHeaderNumber(ReadOnlySpan<byte> data, ref int position, string field) =>
        ReadNumber(data, ref position, field);

    // Skips whitespace and '#' comments, then reads a decimal number of at most 9 digits.
    private static int ReadNumber(ReadOnlySpan<byte> data, ref int position, string field)
    {
        while (position < data.Length)
        {
            if (IsWhitespace(data[position]))
            {
                position++;
            }
            else if (data[position] == (byte)'#')
            {
                while (position < data.Length && data[position] != (byte)'\n' && data[position] != (byte)'\r')
                {
                    position++;
                }
            }
            else
            {
                break;
            }
        }

        int start = position;
        int value = 0;
        while (position < data.Length && data[position] is >= (byte)'0' and <= (byte)'9')
        {
            if (position - start >= 9)
            {
                throw new ImageFormatException($"corrupt PPM/PGM: {field} has too many digits");
            }

            value = (value * 10) + (data[position] - '0');
            position++;
        }

        if (position == start)
        {
            throw new ImageFormatException(position >= data.Length
                ? $"truncated PPM/PGM: file ends before the {field}"
                : $"corrupt PPM/PGM: expected a number for the {field} at byte {position}");
        }

        return value;
    }

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0B or 0x0C;
}
