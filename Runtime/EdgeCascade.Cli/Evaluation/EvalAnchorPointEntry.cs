namespace EdgeCascade.Cli.Evaluation;

/// <summary>One quality setting of an anchor codec.</summary>
internal sealed record EvalAnchorPointEntry(int Quality, double Bpp, double? Psnr, double? MsSsimDb);
