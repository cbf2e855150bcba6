using System.Text.Json.Serialization;

namespace EdgeCascade.Experiments.Results;

/// <summary>One policy of HCF Table 1.</summary>
internal sealed record PolicyRow(
    [property: JsonPropertyName("n_q")] int NQ,
    int SourceLevel,
    int TargetLevel,
    string Policy,
    bool IsEdge,
    double BitsPerPixel,
    double? PsnrDb,
    double? MsSsimDb,
    double? RqsiPsnr,
    double? RqsiMsSsim);
