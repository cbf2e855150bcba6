namespace EdgeCascade.Simulation.Profiles;

/// <summary>
/// A measured quantity over the profile's image set: its mean and one value per image, in image-set
/// order. Profile fidelity samples an image index per arrival and reads every quantity of that
/// image, so rate and quality stay consistent for one image across hops.
/// </summary>
/// <param name="Mean">Mean over the image set.</param>
/// <param name="PerImage">One value per image of the set.</param>
public sealed record EmpiricalValues(double Mean, IReadOnlyList<double> PerImage)
{
    /// <summary>The value measured on image <paramref name="sampleIndex"/> (wrapping if the index exceeds the set).</summary>
    public double Sample(int sampleIndex) => PerImage.Count == 0 ? Mean : PerImage[(int)((uint)sampleIndex % (uint)PerImage.Count)];

    /// <summary>Values with their arithmetic mean.</summary>
    public static EmpiricalValues Of(IReadOnlyList<double> perImage)
    {
        ArgumentNullException.ThrowIfNull(perImage);
        return new EmpiricalValues(perImage.Count == 0 ? 0 : perImage.Average(), perImage);
    }
}
