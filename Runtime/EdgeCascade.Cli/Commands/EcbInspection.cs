namespace EdgeCascade.Cli.Commands;

/// <summary>What <c>inspect --json</c> prints about one .ecb file.</summary>
internal sealed record EcbInspection(
    string File,
    string FamilyId,
    int Level,
    int Width,
    int Height,
    int PadBottom,
    int PadRight,
    string HyperShape,
    int HyperStreamBytes,
    int MainStreamBytes,
    int FileBytes,
    double BitsPerPixel);
