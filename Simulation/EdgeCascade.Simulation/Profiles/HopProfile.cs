namespace EdgeCascade.Simulation.Profiles;

/// <summary>The rate of one transmission of a cascade.</summary>
/// <param name="Level">Level of the transmitted bitstream (the i-th transmit level of the policy).</param>
/// <param name="BitsPerPixel">Its rate over the image set.</param>
public sealed record HopProfile(int Level, EmpiricalValues BitsPerPixel);
