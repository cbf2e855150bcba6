namespace EdgeCascade.Codec.Metrics;

/// <summary>Bits per pixel from real coded bytes (CompressAI: <c>bytes * 8 / (H * W)</c> of the original image).</summary>
public static class BitRate
{
    public static double BitsPerPixel(long sizeBytes, int height, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sizeBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        return sizeBytes * 8.0 / ((long)height * width);
    }
}
