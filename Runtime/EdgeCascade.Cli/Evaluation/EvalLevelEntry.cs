namespace EdgeCascade.Cli.Evaluation;

/// <summary>One level's means over the images.</summary>
internal sealed record EvalLevelEntry(int Level, double Bpp, double? Psnr, double? MsSsimDb, double EncodeSeconds, double DecodeSeconds);
