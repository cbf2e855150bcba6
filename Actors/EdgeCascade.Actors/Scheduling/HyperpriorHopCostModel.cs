using EdgeCascade.Actors.Execution;
using EdgeCascade.Actors.Policies;
using EdgeCascade.Codec.Cascade;
using EdgeCascade.Codec.Imaging;
using EdgeCascade.Codec.Layers;
using EdgeCascade.Codec.Models;
using EdgeCascade.Codec.Tensors;

namespace EdgeCascade.Actors.Scheduling;

/// <summary>
/// An <see cref="IHopCostModel"/> from the models themselves: a hop's bits come from running the real cascade
/// prefix (g_a^s, then φ^intra or quantize + φ^inter per π) on a reference image and applying the
/// <see cref="RatePredictor"/> at the hop's level, scaled by pixel count; operator costs come from the layers'
/// static <see cref="LayerCost"/>s at the requested image size.
/// </summary>
/// <remarks>
/// Operator costs (FLOPs; memory = weights as float32 plus peak activations):
/// Analysis = g_a^s; QuantizeEncode = h_a^k then h_s^k (the encoder needs the means and scales);
/// Decode = h_s^k; IntraTransform / InterTransform = φ_{k→k−1} of that type; Synthesis = g_s^d.
/// Predictions are cached per policy prefix (bits per reference pixel) and per (operator, size), so repeated
/// scheduler queries cost one cascade run each. Deterministic; thread-safe.
/// </remarks>
public sealed class HyperpriorHopCostModel : IHopCostModel
{
    private readonly CascadeEngine _engine;
    private readonly RgbImage _reference;
    private readonly RateEstimate _estimate;
    private readonly Dictionary<int, RatePredictor> _predictors = [];
    private readonly Dictionary<QuantizationPolicy, double> _bitsPerPixel = [];
    private readonly OperatorCosts _costs;
    private readonly Lock _gate = new();

    /// <param name="engine">The family's operators.</param>
    /// <param name="referenceImage">The image whose rate per pixel stands for every image of a flow.</param>
    /// <param name="estimate">Main-stream estimate; the exact likelihood by default.</param>
    public HyperpriorHopCostModel(CascadeEngine engine, RgbImage referenceImage, RateEstimate estimate = RateEstimate.Likelihood)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(referenceImage);
        _engine = engine;
        _reference = referenceImage;
        _estimate = estimate;
        _costs = new OperatorCosts(engine);
    }

    /// <summary>Predicted bits per pixel of the reference image for the hop after <paramref name="prefix"/>.</summary>
    public double PredictBitsPerPixel(QuantizationPolicy prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.SourceLevel > _engine.Levels)
        {
            throw new ArgumentOutOfRangeException(nameof(prefix), $"policy {prefix} starts at level {prefix.SourceLevel}, above the family's {_engine.Levels} levels");
        }

        lock (_gate)
        {
            if (_bitsPerPixel.TryGetValue(prefix, out double cached))
            {
                return cached;
            }
        }

        double bitsPerPixel = RunPrefix(prefix);
        lock (_gate)
        {
            _bitsPerPixel.TryAdd(prefix, bitsPerPixel);
            return _bitsPerPixel[prefix];
        }
    }

    /// <inheritdoc/>
    public double PredictBits(QuantizationPolicy prefix, int imageWidth, int imageHeight) =>
        PredictBitsPerPixel(prefix) * Pixels(imageWidth, imageHeight);

    /// <inheritdoc/>
    public OperationCost Cost(StageOp operation, int imageWidth, int imageHeight)
    {
        _ = Pixels(imageWidth, imageHeight);
        return _costs.Cost(operation, imageWidth, imageHeight);
    }

    private double RunPrefix(QuantizationPolicy prefix)
    {
        Tensor latent = _engine.Analyze(_reference, prefix.SourceLevel, out var geometry);
        for (int level = prefix.SourceLevel; ; level--)
        {
            if (!prefix.IsTransmitted(level))
            {
                latent = _engine.Intra(latent, level);
                continue;
            }

            RatePrediction prediction = Predictor(level).Predict(latent, out Tensor quantized);
            if (level == prefix.TargetLevel)
            {
                return prediction.BitsPerPixel(_estimate, geometry.Pixels);
            }

            latent = _engine.Inter(quantized, level);
        }
    }

    private RatePredictor Predictor(int level)
    {
        lock (_gate)
        {
            if (!_predictors.TryGetValue(level, out RatePredictor? predictor))
            {
                predictor = new RatePredictor(_engine.Family.GetLevel(level));
                _predictors[level] = predictor;
            }

            return predictor;
        }
    }


    private static double Pixels(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        return (double)width * height;
    }
}
