using EdgeCascade.Codec.Tensors;

namespace EdgeCascade.Codec.Cascade;

/// <summary>ẑ = round(z − median) + median with its integer symbols and per-element CDF indexes (the channel).</summary>
internal sealed record QuantizedHyperLatent(Tensor Decoded, int[] Symbols, int[] Indexes);
