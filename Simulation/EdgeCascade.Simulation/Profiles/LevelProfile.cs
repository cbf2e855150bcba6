namespace EdgeCascade.Simulation.Profiles;

/// <summary>Single-stage numbers of one level: direct encode at k and decode at k (no cascade).</summary>
/// <param name="Level">Level k.</param>
/// <param name="BitsPerPixel">Rate of the level-k bitstream.</param>
/// <param name="PsnrDb">PSNR of the level-k reconstruction.</param>
/// <param name="MsSsim">MS-SSIM of the level-k reconstruction, if measured.</param>
/// <param name="Operations">Costs of the operators at this level (g_a^k, Q^k/E^k, D^k, g_s^k, φ^intra, φ^inter).</param>
public sealed record LevelProfile(
    int Level,
    EmpiricalValues BitsPerPixel,
    EmpiricalValues PsnrDb,
    EmpiricalValues? MsSsim,
    IReadOnlyList<OperationProfile> Operations);
