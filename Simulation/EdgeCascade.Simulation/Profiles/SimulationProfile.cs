namespace EdgeCascade.Simulation.Profiles;

/// <summary>
/// Rate, distortion and compute of one codec family measured once in exact mode over an image set
/// (<c>edgecascade profile build</c>), so profile fidelity can simulate millions of images without
/// running the codec. Stored as JSON (see <see cref="ProfileJson"/> and Simulation/SCHEMA.md).
/// </summary>
/// <param name="ModelFamily">Family id; must equal the topology file's <c>model-family.id</c>.</param>
/// <param name="ImageSet">The images measured.</param>
/// <param name="ImageWidth">Width of the profiled images in pixels (costs scale linearly with pixel count).</param>
/// <param name="ImageHeight">Height of the profiled images in pixels.</param>
/// <param name="Levels">Single-stage numbers per level.</param>
/// <param name="Cascades">Numbers per (s, d, π).</param>
public sealed record SimulationProfile(
    string ModelFamily,
    ProfileImageSet ImageSet,
    int ImageWidth,
    int ImageHeight,
    IReadOnlyList<LevelProfile> Levels,
    IReadOnlyList<CascadeProfile> Cascades)
{
    /// <summary>The schema id written into and expected in every profile file.</summary>
    public const string SchemaId = "edgecascade.simulation-profile/1";

    /// <summary>Number of images per-image arrays hold.</summary>
    public int ImageCount => ImageSet.Images.Count;

    /// <summary>Pixels of one profiled image.</summary>
    public long Pixels => (long)ImageWidth * ImageHeight;

    /// <summary>The default location of a family's profile: <c>models/&lt;family&gt;/profile.json</c>.</summary>
    public static string DefaultPath(string familyId) => $"models/{familyId}/profile.json";
}
