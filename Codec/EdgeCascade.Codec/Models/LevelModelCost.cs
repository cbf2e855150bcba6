using EdgeCascade.Codec.Layers;

namespace EdgeCascade.Codec.Models;

/// <summary>Cost of each transform of a level model for one (padded) image size.</summary>
public sealed record LevelModelCost(LayerCost Analysis, LayerCost HyperAnalysis, LayerCost HyperSynthesis, LayerCost Synthesis)
{
    /// <summary>Encoder side: g_a, h_a, and h_s (the encoder needs the means and scales too).</summary>
    public LayerCost Encode => Analysis.Then(HyperAnalysis).Then(HyperSynthesis);

    /// <summary>Decoder side: h_s then g_s.</summary>
    public LayerCost Decode => HyperSynthesis.Then(Synthesis);

    /// <summary>Every transform once (parameters of the whole model).</summary>
    public LayerCost Total => Analysis.Then(HyperAnalysis).Then(HyperSynthesis).Then(Synthesis);
}
