namespace EdgeCascade.Simulation.Profiles;

/// <summary>Measurements of one cascade C(s, d, π) over the image set.</summary>
/// <param name="SourceLevel">s.</param>
/// <param name="TargetLevel">d.</param>
/// <param name="Policy">π in paper notation, e.g. <c>[1,0,0,1]</c>.</param>
/// <param name="Hops">One entry per transmission, in transmit order (level s side first).</param>
/// <param name="PsnrDb">PSNR of the final reconstruction at d.</param>
/// <param name="MsSsim">MS-SSIM of the final reconstruction, if measured.</param>
/// <param name="Operations">Operator costs measured in this cascade (override the level table for this cascade's ops).</param>
public sealed record CascadeProfile(
    int SourceLevel,
    int TargetLevel,
    string Policy,
    IReadOnlyList<HopProfile> Hops,
    EmpiricalValues PsnrDb,
    EmpiricalValues? MsSsim,
    IReadOnlyList<OperationProfile> Operations);
