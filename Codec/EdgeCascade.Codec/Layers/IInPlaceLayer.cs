using EdgeCascade.Codec.Tensors;

namespace EdgeCascade.Codec.Layers;

/// <summary>An element-wise layer that can overwrite a tensor nobody else holds instead of allocating.</summary>
public interface IInPlaceLayer : ILayer
{
    void ForwardInPlace(Tensor tensor);
}
