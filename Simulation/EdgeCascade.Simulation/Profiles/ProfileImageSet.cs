namespace EdgeCascade.Simulation.Profiles;

/// <summary>The images a profile was measured on.</summary>
/// <param name="Name">Image set name (e.g. <c>eval</c>) or directory.</param>
/// <param name="Description">Free text: where the images come from, how they were cropped.</param>
/// <param name="Images">Image file names in measurement order; per-image arrays follow this order.</param>
public sealed record ProfileImageSet(string Name, string Description, IReadOnlyList<string> Images);
