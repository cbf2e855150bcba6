namespace EdgeCascade.Cli.Evaluation;

/// <summary>One image coded at one level.</summary>
internal sealed record EvalImageLevelEntry(int Level, int Bytes, double Bpp, double? Psnr, double? MsSsimDb, double EncodeSeconds, double DecodeSeconds);
