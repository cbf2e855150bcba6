using EdgeCascade.Codec.Imaging;

namespace EdgeCascade.Codec.Cascade;

/// <summary>The outcome of one image through one framework on one path.</summary>
/// <param name="Reconstruction">The destination's decoded image.</param>
/// <param name="Hops">Every transmission, in path order.</param>
/// <param name="Geometry">Image size and padding.</param>
public sealed record CascadeRun(RgbImage Reconstruction, IReadOnlyList<HopRecord> Hops, ImageGeometry Geometry)
{
    /// <summary>Bits per pixel of the last hop: the rate the destination receives (HCF reports this).</summary>
    public double FinalBitsPerPixel => Hops[^1].Bytes * 8.0 / Geometry.Pixels;

    /// <summary>Bits per pixel of hop <paramref name="hop"/>.</summary>
    public double BitsPerPixel(int hop) => Hops[hop].Bytes * 8.0 / Geometry.Pixels;
}
