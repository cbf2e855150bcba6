namespace EdgeCascade.Codec.Bitstreams;

/// <summary>Shape of one latent tensor (batch 1): channels x height x width.</summary>
public readonly record struct LatentShape(int Channels, int Height, int Width)
{
    /// <summary>Number of elements.</summary>
    public long ElementCount => (long)Channels * Height * Width;
}
