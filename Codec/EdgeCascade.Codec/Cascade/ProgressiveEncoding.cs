using EdgeCascade.Codec.Tensors;

namespace EdgeCascade.Codec.Cascade;

/// <summary>The source's progressive encode: every layer, and the latent all layers decode to.</summary>
/// <param name="Stream">All layers of the layout.</param>
/// <param name="QuantizedLatent">round(latent − mean) + mean: what decoding every layer gives, equal to the level's own ŷ.</param>
public sealed record ProgressiveEncoding(ProgressiveStream Stream, Tensor QuantizedLatent);
