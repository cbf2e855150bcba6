using EdgeCascade.Codec.Tensors;

namespace EdgeCascade.Codec.Layers;

/// <summary>A forward-only network layer with a static cost model.</summary>
public interface ILayer
{
    /// <summary>Shape produced for an input of <paramref name="input"/>; throws if the input is not accepted.</summary>
    TensorShape OutputShape(TensorShape input);

    /// <summary>FLOPs (a multiply-add counts 2), parameters and peak live activation bytes for one forward pass.</summary>
    LayerCost Cost(TensorShape input);

    /// <summary>Runs the layer. The result never aliases <paramref name="input"/>, which is left unchanged.</summary>
    Tensor Forward(Tensor input);
}
