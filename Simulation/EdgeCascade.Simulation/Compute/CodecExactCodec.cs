using EdgeCascade.Actors.Execution;
using EdgeCascade.Actors.Nodes;
using EdgeCascade.Actors.Policies;
using EdgeCascade.Actors.Scheduling;
using EdgeCascade.Codec.Cascade;
using EdgeCascade.Codec.Imaging;
using EdgeCascade.Codec.Metrics;
using EdgeCascade.Simulation.Engine;

namespace EdgeCascade.Simulation.Compute;

/// <summary>
/// Exact fidelity over the real codec: every simulated image is one of <see cref="ImageCount"/> evaluation images,
/// really coded stage by stage with <see cref="CodecStageExecutor"/>; the destination's reconstruction is measured
/// against the original. Rates for the scheduler come from the hyperprior rate predictor on the first image.
/// </summary>
public sealed class CodecExactCodec : IExactCodec
{
    private readonly IReadOnlyList<EvalImage> _images;
    private readonly CodecStageExecutor _executor;
    private readonly CascadeRunner _runner;
    private readonly Dictionary<QuantizationPolicy, double> _oracle = [];

    /// <param name="engine">The model family.</param>
    /// <param name="images">Evaluation images, all of one size.</param>
    /// <exception cref="SimulationInputException">No images, or images of different sizes.</exception>
    public CodecExactCodec(CascadeEngine engine, IReadOnlyList<EvalImage> images)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0)
        {
            throw new SimulationInputException("exact fidelity needs at least one image; pass an image folder");
        }

        if (images.Any(i => i.Image.Width != images[0].Image.Width || i.Image.Height != images[0].Image.Height))
        {
            throw new SimulationInputException("exact fidelity needs images of one size; crop them to a common size");
        }

        _images = images;
        _executor = new CodecStageExecutor(engine);
        _runner = new CascadeRunner(engine);
        ModelFamilyId = engine.FamilyId;
        CostModel = new HyperpriorHopCostModel(engine, images[0].Image);
    }

    public string ModelFamilyId { get; }

    public int ImageCount => _images.Count;

    public int ImageWidth => _images[0].Image.Width;

    public int ImageHeight => _images[0].Image.Height;

    public IHopCostModel CostModel { get; }

    /// <summary>Minus the mean PSNR of the policy's final reconstruction over the image set (lower is better).</summary>
    public double OracleScore(QuantizationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (!_oracle.TryGetValue(policy, out var score))
        {
            score = -_images.Average(i => Psnr.Compute(i.Image,
                _runner.Hcf(i.Image, policy.SourceLevel, policy.TargetLevel, policy.TransmitFlags).Reconstruction));
            _oracle[policy] = score;
        }

        return score;
    }

    public OperationCost StageCost(FlowRoute route, NodeStage stage, int imageIndex)
    {
        ArgumentNullException.ThrowIfNull(route);
        return _executor.Costs.StageCost(stage, route.ImageWidth, route.ImageHeight);
    }

    public StageOutput RunStage(FlowRoute route, NodeStage stage, int imageIndex, object? input)
    {
        ArgumentNullException.ThrowIfNull(stage);
        var original = _images[imageIndex % _images.Count].Image;
        var output = _executor.Run(stage, input ?? original);
        if (output.Payload is not RgbImage reconstruction)
        {
            return output;
        }

        var msSsim = Math.Min(original.Width, original.Height) >= MsSsim.MinSide ? MsSsim.Compute(original, reconstruction) : double.NaN;
        return output with { PsnrDb = Psnr.Compute(original, reconstruction), MsSsim = msSsim };
    }
}
