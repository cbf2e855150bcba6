namespace EdgeCascade.Experiments.Results;

/// <summary>BD metrics of each framework against HCF edge.</summary>
internal sealed record FrameworkDeltas(BjontegaardDeltas Drf, BjontegaardDeltas DrfOneRecompression, BjontegaardDeltas Ssf, BjontegaardDeltas Pcf);
