namespace EdgeCascade.Cli.Evaluation;

/// <summary>One quality setting of a classic codec, averaged over the images like the family's levels.</summary>
internal sealed record AnchorPoint(int Quality, double BitsPerPixel, double Psnr, double? MsSsimDb);
