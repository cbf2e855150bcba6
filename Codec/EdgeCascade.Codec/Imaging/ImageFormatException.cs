namespace EdgeCascade.Codec.Imaging;

/// <summary>An image file is malformed, truncated or uses a feature this reader does not support.</summary>
public sealed class ImageFormatException : Exception
{
    public ImageFormatException()
        : base("invalid image file")
    {
    }

    public ImageFormatException(string message)
        : base(message)
    {
    }

    public ImageFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
