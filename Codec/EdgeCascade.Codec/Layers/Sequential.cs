using EdgeCascade.Codec.Tensors;

namespace EdgeCascade.Codec.Layers;

/// <summary>Layers applied in order (PyTorch <c>nn.Sequential</c>); element-wise layers run in place on intermediates.</summary>
public sealed class Sequential : ILayer
{
    private readonly ILayer[] _layers;

    public Sequential(params IEnumerable<ILayer> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        _layers = [.. layers];
        if (_layers.Length == 0)
        {
            throw new ArgumentException("A sequential needs at least one layer.", nameof(layers));
        }
    }

    public IReadOnlyList<ILayer> Layers => _layers;

    public ILayer this[int index] => _layers[index];

    public TensorShape OutputShape(TensorShape input)
    {
        TensorShape shape = input;
        foreach (ILayer layer in _layers)
        {
            shape = layer.OutputShape(shape);
        }

        return shape;
    }

    public LayerCost Cost(TensorShape input)
    {
        LayerCost total = LayerCost.Zero;
        TensorShape shape = input;
        foreach (ILayer layer in _layers)
        {
            total = total.Then(layer.Cost(shape));
            shape = layer.OutputShape(shape);
        }

        return total;
    }

    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Tensor current = input;
        foreach (ILayer layer in _layers)
        {
            if (!ReferenceEquals(current, input) && layer is IInPlaceLayer inPlace)
            {
                inPlace.ForwardInPlace(current);
            }
            else
            {
                current = layer.Forward(current);
            }
        }

        return current;
    }

    public override string ToString() => $"Sequential({string.Join(", ", _layers.Select(layer => layer.ToString()))})";
}
