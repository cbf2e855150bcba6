using EdgeCascade.Actors.Nodes;
using EdgeCascade.Actors.Policies;
using EdgeCascade.Actors.Scheduling;
using EdgeCascade.Codec.Bitstreams;
using EdgeCascade.Codec.Cascade;
using EdgeCascade.Codec.Imaging;
using EdgeCascade.Codec.Layers;
using EdgeCascade.Codec.Models;
using EdgeCascade.Codec.Tensors;

namespace EdgeCascade.Actors.Execution;

/// <summary>
/// The runtime's stage executor: runs one node's <see cref="NodeStage"/> operators on the real
/// <see cref="CascadeEngine"/>. It runs on the caller's thread: the runtime's node actor hands it to a stage-worker
/// child actor, so the node itself never waits for the codec.
/// </summary>
/// <remarks>
/// <para>
/// What crosses a hop is always the wire form of a <see cref="LatentPacket"/> (<see cref="LatentPacketCodec"/>),
/// never pixels: the source's input is the raw <see cref="RgbImage"/>, every other node's input is the received
/// packet bytes. A non-destination stage outputs the packet bytes of its Q^k,E^k (as a <c>byte[]</c>, with
/// <see cref="StageOutput.OutputBits"/> the size on the wire); the destination outputs the reconstructed
/// <see cref="RgbImage"/> (PSNR is NaN: the destination has no reference image).
/// </para>
/// <para>
/// Costs come from the models' <see cref="LayerCost"/> at the route's image size: FLOPs add up over the stage's
/// operators, peak memory is the largest operator's weights plus live activations. They are computed once per
/// (operator, size) and cached, so <see cref="Plan"/> is cheap and does not depend on when it is called.
/// </para>
/// </remarks>
public sealed class CodecStageExecutor : IStageExecutor
{
    private readonly CascadeEngine _engine;
    private readonly OperatorCosts _costs;

    /// <param name="engine">The model family's operators.</param>
    public CodecStageExecutor(CascadeEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
        _costs = new OperatorCosts(engine);
    }

    /// <summary>Operator costs at any image size (shared with the scheduler's cost model).</summary>
    public OperatorCosts Costs => _costs;

    /// <summary>The engine the stages run on.</summary>
    public CascadeEngine Engine => _engine;

    /// <inheritdoc/>
    public OperationCost Plan(in StageWork work) => _costs.StageCost(work.ChargedStage, work.Route.ImageWidth, work.Route.ImageHeight);

    /// <inheritdoc/>
    public StageOutput Execute(in StageWork work) => Run(work.Stage, work.Input);

    /// <summary>
    /// Runs <paramref name="stage"/>'s operators on <paramref name="input"/> (an <see cref="RgbImage"/> at the source,
    /// packet bytes elsewhere) and returns the packet bytes to send, or the reconstruction at the destination.
    /// </summary>
    /// <exception cref="ArgumentException">The input is not what the stage consumes, or the stage is malformed.</exception>
    /// <exception cref="BitstreamException">The received packet is corrupt or from another model family.</exception>
    public StageOutput Run(NodeStage stage, object? input)
    {
        ArgumentNullException.ThrowIfNull(stage);
        if (stage.IsPassThrough)
        {
            // Forwarded as received: the same packet bytes go on to the next hop.
            byte[] same = input switch
            {
                byte[] bytes => bytes,
                LatentPacket packet => LatentPacketCodec.Encode(packet),
                ReadOnlyMemory<byte> memory => memory.ToArray(),
                _ => throw new ArgumentException($"pass-through stage '{stage}' needs latent packet bytes, got {Describe(input)}", nameof(input)),
            };
            return StageOutput.Bitstream(same.LongLength * 8, same);
        }

        Tensor? latent = null;
        ImageGeometry geometry = default;
        for (int i = 0; i < stage.Operations.Count; i++)
        {
            StageOp operation = stage.Operations[i];
            bool last = i == stage.Operations.Count - 1;
            switch (operation.Kind)
            {
                case StageOpKind.Analysis:
                    RgbImage image = input as RgbImage
                        ?? throw new ArgumentException($"stage '{stage}' starts with g_a and needs an RgbImage, got {Describe(input)}", nameof(input));
                    latent = _engine.Analyze(image, operation.Level, out geometry);
                    break;
                case StageOpKind.Decode:
                    LatentPacket packet = ReadPacket(input, stage);
                    if (packet.Level != operation.Level)
                    {
                        throw new BitstreamException($"stage '{stage}' decodes level {operation.Level} but received a level-{packet.Level} packet");
                    }

                    geometry = new ImageGeometry(packet.ImageHeight, packet.ImageWidth, packet.PadBottom, packet.PadRight);
                    latent = _engine.Decode(packet);
                    break;
                case StageOpKind.IntraTransform:
                    latent = _engine.Intra(Require(latent, operation, stage), operation.Level);
                    break;
                case StageOpKind.InterTransform:
                    latent = _engine.Inter(Require(latent, operation, stage), operation.Level);
                    break;
                case StageOpKind.QuantizeEncode:
                    if (!last)
                    {
                        throw new ArgumentException($"stage '{stage}' has operators after {operation}; a hop's bitstream ends a stage", nameof(stage));
                    }

                    CodedLatent coded = _engine.Encode(Require(latent, operation, stage), operation.Level, geometry);
                    byte[] wire = LatentPacketCodec.Encode(coded.Packet);
                    return StageOutput.Bitstream(wire.LongLength * 8, wire);
                case StageOpKind.Synthesis:
                    RgbImage reconstruction = _engine.Synthesize(Require(latent, operation, stage), operation.Level, geometry);
                    return new StageOutput(0, reconstruction, double.NaN, double.NaN);
                default:
                    throw new ArgumentException($"stage '{stage}' has an unknown operator {operation}", nameof(stage));
            }
        }

        throw new ArgumentException($"stage '{stage}' ends neither with Q,E nor with g_s", nameof(stage));
    }

    /// <summary>FLOPs and peak memory (weights plus activations) of one operator at one image size.</summary>
    public OperationCost Cost(StageOp operation, int imageWidth, int imageHeight) => _costs.Cost(operation, imageWidth, imageHeight);

    private LatentPacket ReadPacket(object? input, NodeStage stage) => input switch
    {
        LatentPacket packet => packet,
        byte[] bytes => LatentPacketCodec.Decode(bytes, _engine.FamilyId),
        ReadOnlyMemory<byte> memory => LatentPacketCodec.Decode(memory.Span, _engine.FamilyId),
        _ => throw new ArgumentException($"stage '{stage}' starts with D and needs latent packet bytes, got {Describe(input)}", nameof(input)),
    };

    private static Tensor Require(Tensor? latent, StageOp operation, NodeStage stage) =>
        latent ?? throw new ArgumentException($"stage '{stage}' runs {operation} before any latent exists (no g_a or D first)", nameof(stage));

    private static string Describe(object? input) => input is null ? "nothing" : input.GetType().Name;
}
