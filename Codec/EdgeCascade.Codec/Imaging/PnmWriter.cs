using System.Text;

namespace EdgeCascade.Codec.Imaging;

/// <summary>Netpbm writer: binary P6 (RGB) or P5 (gray, BT.601 luma as in <see cref="PngWriter"/>), maxval 255.</summary>
public static class PnmWriter
{
    public static byte[] ToBytes(RgbImage image, bool grayscale = false)
    {
        ArgumentNullException.ThrowIfNull(image);
        byte[] header = Encoding.ASCII.GetBytes($"{(grayscale ? "P5" : "P6")}\n{image.Width} {image.Height}\n255\n");
        int pixels = image.Width * image.Height;
        var output = new byte[header.Length + (grayscale ? pixels : 3 * pixels)];
        header.CopyTo(output, 0);
        ReadOnlySpan<byte> rgb = image.Pixels;
        if (grayscale)
        {
            for (int i = 0; i < pixels; i++)
            {
                output[header.Length + i] = (byte)(((299 * rgb[3 * i]) + (587 * rgb[(3 * i) + 1]) + (114 * rgb[(3 * i) + 2]) + 500) / 1000);
            }
        }
        else
        {
            rgb.CopyTo(output.AsSpan(header.Length));
        }

        return output;
    }

    public static void Write(RgbImage image, Stream destination, bool grayscale = false)
    {
        ArgumentNullException.ThrowIfNull(destination);
        destination.Write(ToBytes(image, grayscale));
    }
}
