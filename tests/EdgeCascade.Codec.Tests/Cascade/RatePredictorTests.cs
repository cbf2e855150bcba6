using EdgeCascade.Codec.Cascade;
using EdgeCascade.Codec.Entropy;
using EdgeCascade.Codec.Models;
using EdgeCascade.Codec.Tensors;
using EdgeCascade.Codec.Tests.Models;
using EdgeCascade.Codec.Weights;
using Xunit.Abstractions;

namespace EdgeCascade.Codec.Tests.Cascade;

public sealed class RatePredictorTests : IDisposable
{
    private readonly SyntheticFamily _files = new(seed: 17);
    private readonly CascadeEngine _engine;
    private readonly ITestOutputHelper _output;

    public RatePredictorTests(ITestOutputHelper output)
    {
        _output = output;
        UseGaussianTables(_files);
        _engine = new CascadeEngine(ModelFamily.Load(_files.Directory));
    }

    public void Dispose() => _files.Dispose();

    /// <summary>
    /// Replaces the synthetic family's placeholder Gaussian-conditional tables by the real discretised Gaussian
    /// CDFs of its scale table (what training exports), so coded sizes follow the model the predictor assumes.
    /// The last h_s conv is damped and its scale biases set to <see cref="ChannelScale"/>, so the predicted scales
    /// match the test latents of <see cref="ScaledLatent"/> the way a trained hyperprior's would.
    /// </summary>
    internal static void UseGaussianTables(SyntheticFamily files)
    {
        for (int level = 1; level <= 6; level++)
        {
            string path = files.PathOf($"level{level}.safetensors");
            SafeTensorsFile file = SafeTensorsFile.Open(path);
            var writer = new SafeTensorsWriter();
            foreach (SafeTensorsEntry entry in file.Entries.OrderBy(e => e.Begin))
            {
                int[] shape = entry.Shape.Select(d => (int)d).ToArray();
                if (entry.Name is "h_s.6.weight" or "h_s.6.bias")
                {
                    float[] values = ReadFloats(file, entry);
                    int latentChannels = shape[0] / 2;
                    for (int i = 0; i < values.Length; i++)
                    {
                        values[i] = entry.Name.EndsWith("weight", StringComparison.Ordinal) ? values[i] * 0.02f
                            : i < latentChannels ? ChannelScale(i) : values[i];
                    }

                    writer.AddFloat(entry.Name, values, shape);
                }
                else if (!entry.Name.StartsWith("gaussian_conditional.", StringComparison.Ordinal) || entry.Name.EndsWith("scale_table", StringComparison.Ordinal))
                {
                    writer.AddRaw(entry.Name, entry.DType, shape, file.GetBytes(entry.Name).ToArray());
                }
            }

            float[] scales = file.ReadFloat32("gaussian_conditional.scale_table", 64);
            CdfTable cdfs = GaussianConditionalTables.BuildCdfs(scales);
            int width = Enumerable.Range(0, cdfs.Count).Max(cdfs.GetLength);
            var padded = new int[cdfs.Count * width];
            for (int row = 0; row < cdfs.Count; row++)
            {
                cdfs.GetCdf(row).CopyTo(padded.AsSpan(row * width));
            }

            writer.AddInt32("gaussian_conditional.quantized_cdf", padded, [cdfs.Count, width]);
            writer.AddInt32("gaussian_conditional.cdf_length", Enumerable.Range(0, cdfs.Count).Select(cdfs.GetLength).ToArray(), [cdfs.Count]);
            writer.AddInt32("gaussian_conditional.offset", Enumerable.Range(0, cdfs.Count).Select(cdfs.GetOffset).ToArray(), [cdfs.Count]);
            writer.Save(path);
        }
    }

    /// <summary>Scale the damped hyperprior predicts for latent channel <paramref name="channel"/>: 0.3 .. about 5.</summary>
    internal static float ChannelScale(int channel) => 0.3f + (0.4f * channel);

    /// <summary>
    /// A latent whose channel c is uniform with the standard deviation <see cref="ChannelScale"/>(c): what a trained
    /// level's g_a and hyperprior jointly produce, up to the shape of the distribution.
    /// </summary>
    internal static Tensor ScaledLatent(int channels, int height, int width, int seed)
    {
        var random = new Random(seed);
        var latent = new Tensor(new TensorShape(1, channels, height, width));
        Span<float> values = latent.Span;
        int plane = height * width;
        for (int i = 0; i < values.Length; i++)
        {
            float halfWidth = ChannelScale(i / plane) * MathF.Sqrt(3);
            values[i] = ((random.NextSingle() * 2) - 1) * halfWidth;
        }

        return latent;
    }

    [Fact]
    public void Predict_EveryLevel_LikelihoodWithinFivePercentOfCodedSize()
    {
        double relativeGapSum = 0;
        int cases = 0;
        for (int level = 1; level <= 6; level++)
        {
            var predictor = new RatePredictor(_engine.Family.GetLevel(level));
            for (int seed = 1; seed <= 3; seed++)
            {
                Tensor latent = ScaledLatent(SyntheticFamily.Latent[level - 1], 32, 48, (10 * level) + seed);
                ImageGeometry geometry = ImageGeometry.For(512, 768, 64);
                RatePrediction prediction = predictor.Predict(latent);
                CodedLatent coded = _engine.Encode(latent, level, geometry);
                double real = coded.StreamBytes * 8.0;
                double likelihood = prediction.Bits(RateEstimate.Likelihood);
                double table = prediction.Bits(RateEstimate.Table);
                double differential = prediction.Bits(RateEstimate.DifferentialEntropy);
                _output.WriteLine(
                    $"level {level} seed {seed}: real {real} bits, likelihood {likelihood:F0} ({Gap(likelihood, real):+0.00;-0.00}%), " +
                    $"table {table:F0} ({Gap(table, real):+0.00;-0.00}%), differential {differential:F0} ({Gap(differential, real):+0.00;-0.00}%), hyper {prediction.HyperBits:F0}");

                // Table bits are what rANS pays: the stream is at most two 32-bit words (state flush plus the partial word) longer per stream.
                Assert.InRange(real - table, -1, 2 * 2 * 64);
                relativeGapSum += Math.Abs(Gap(likelihood, real));
                cases++;
            }
        }

        double meanGap = relativeGapSum / cases;
        _output.WriteLine($"mean |likelihood gap| {meanGap:F2}% over {cases} cases");
        Assert.True(meanGap < 5, $"mean likelihood gap {meanGap:F2}%");
    }

    [Fact]
    public void Predict_QuantizedLatent_EqualsCoderOutput()
    {
        var predictor = new RatePredictor(_engine.Family.GetLevel(4));
        Tensor latent = _engine.Analyze(CascadeEngineTests.TestImage(64, 64, 5), 4, out ImageGeometry geometry);

        _ = predictor.Predict(latent, out Tensor quantized);

        Assert.Equal(_engine.Encode(latent, 4, geometry).QuantizedLatent.Span.ToArray(), quantized.Span.ToArray());
    }

    [Fact]
    public void Predict_SameLatentTwice_IsDeterministic()
    {
        var predictor = new RatePredictor(_engine.Family.GetLevel(2));
        Tensor latent = _engine.Analyze(CascadeEngineTests.TestImage(64, 64, 6), 2, out _);

        Assert.Equal(predictor.Predict(latent), predictor.Predict(latent));
    }

    [Fact]
    public void Predict_WrongChannelCount_Throws()
    {
        var predictor = new RatePredictor(_engine.Family.GetLevel(6));
        Tensor latent = _engine.Analyze(CascadeEngineTests.TestImage(64, 64, 7), 1, out _);

        Assert.Throws<ArgumentException>(() => predictor.Predict(latent));
    }

    private static float[] ReadFloats(SafeTensorsFile file, SafeTensorsEntry entry)
    {
        ReadOnlySpan<byte> bytes = file.GetBytes(entry.Name);
        var values = new float[entry.ElementCount];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = entry.DType == SafeTensorsDType.Float16
                ? (float)System.Buffers.Binary.BinaryPrimitives.ReadHalfLittleEndian(bytes[(2 * i)..])
                : System.Buffers.Binary.BinaryPrimitives.ReadSingleLittleEndian(bytes[(4 * i)..]);
        }

        return values;
    }

    private static double Gap(double predicted, double real) => 100 * (predicted - real) / real;
}
