using System.Text.Json;
using EdgeCascade.Codec.Models;
using EdgeCascade.Codec.Tensors;
using EdgeCascade.Codec.Weights;
using Xunit.Abstractions;

namespace EdgeCascade.Codec.Tests.Models;

/// <summary>
/// Parity with the PyTorch reference on the golden fixtures exported by training/export.py
/// (models/ec-mshp-v1/fixtures).
/// </summary>
public class FixtureParityTests
{
    /// <summary>Points the tests at another family folder (e.g. one exported from untrained weights).</summary>
    public const string ModelsDirectoryVariable = "EDGECASCADE_PARITY_MODELS";

    private const float RelativeTolerance = 1e-3f;

    private readonly ITestOutputHelper _output;

    public FixtureParityTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void LevelModel_FixtureInput_MatchesPyTorchLatentsAndReconstruction()
    {
        Fixture fixture = Load();

        LevelModel model = fixture.Family.GetLevel(fixture.Level);
        Tensor x = fixture.Float("x");
        Tensor padded = TensorOps.PadBottomRight(x, fixture.PaddedHeight, fixture.PaddedWidth);

        Tensor y = model.Analysis.Forward(padded);
        AssertRelative("y", fixture.Float("y"), y);

        Tensor z = model.HyperAnalysis.Forward(fixture.Float("y"));
        AssertRelative("z", fixture.Float("z"), z);

        int[] zSymbols = fixture.Int("z_symbols");
        Tensor zFixture = fixture.Float("z");
        AssertSymbolsAgreeExceptTies("z_symbols", zFixture, zSymbols, c => model.Medians[c], null);

        var zHat = new Tensor(zFixture.Shape);
        for (int i = 0; i < zSymbols.Length; i++)
        {
            int channel = i / zFixture.Shape.PlaneSize % zFixture.C;
            zHat.Span[i] = zSymbols[i] + model.Medians[channel];
        }

        (Tensor scales, Tensor means) = model.EntropyParameters(zHat);
        AssertRelative("scales", fixture.Float("scales"), scales);
        AssertRelative("means", fixture.Float("means"), means);
        AssertSymbolsAgreeExceptTies("y_symbols", fixture.Float("y"), fixture.Int("y_symbols"), null, fixture.Float("means"));

        Tensor xHat = TensorOps.Crop(model.Synthesis.Forward(fixture.Float("y_hat")), fixture.Height, fixture.Width);
        Tensor expectedXHat = fixture.Float("x_hat");
        AssertRelative("x_hat", expectedXHat, xHat);
        double psnrCSharp = Psnr(x, xHat);
        double psnrTorch = Psnr(x, expectedXHat);
        _output.WriteLine($"PSNR C# {psnrCSharp:F4} dB, PyTorch {psnrTorch:F4} dB");
        Assert.True(Math.Abs(psnrCSharp - psnrTorch) < 0.01, $"PSNR differs: C# {psnrCSharp:F4} dB vs PyTorch {psnrTorch:F4} dB.");
    }

    [Theory]
    [InlineData(PhiType.Inter)]
    [InlineData(PhiType.Intra)]
    public void LatentTransform_FixtureInput_MatchesPyTorch(PhiType type)
    {
        Fixture fixture = Load();

        string prefix = type == PhiType.Inter ? "phi_inter" : "phi_intra";
        // The shipped fixtures hold both transforms (training/export.py writes them whenever the level has one): a
        // missing one is an export regression, not a case to pass silently.
        Assert.True(fixture.Tensors.Contains($"{prefix}_output"), $"the fixtures have no {prefix}_output; re-export them with training/export.py");
        Assert.True(fixture.Family.HasTransform(type, fixture.Level), $"the family has no {prefix} at level {fixture.Level}");

        LatentTransform phi = fixture.Family.GetTransform(type, fixture.Level);
        Tensor output = phi.Forward(fixture.Float($"{prefix}_input"));
        AssertRelative(prefix, fixture.Float($"{prefix}_output"), output);
    }

    private static double Psnr(Tensor reference, Tensor candidate)
    {
        double sum = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            double a = Math.Round(Math.Clamp(reference.Span[i], 0f, 1f) * 255.0, MidpointRounding.ToEven);
            double b = Math.Round(Math.Clamp(candidate.Span[i], 0f, 1f) * 255.0, MidpointRounding.ToEven);
            sum += (a - b) * (a - b);
        }

        double mse = sum / reference.Length;
        return mse == 0 ? double.PositiveInfinity : (20 * Math.Log10(255)) - (10 * Math.Log10(mse));
    }

    private void AssertRelative(string name, Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        float scale = Math.Max(1e-6f, expected.Span.ToArray().Max(MathF.Abs));
        float difference = TensorOps.MaxAbsDifference(expected, actual);
        _output.WriteLine($"{name}: max |diff| {difference:E3}, max |ref| {scale:F4}, relative {difference / scale:E3}");
        Assert.True(difference / scale < RelativeTolerance, $"{name}: max abs difference {difference} is above {RelativeTolerance} of {scale}.");
    }

    // Symbols are round-half-to-even of (value - center); C# may differ from PyTorch only where the value sits on a tie.
    private void AssertSymbolsAgreeExceptTies(string name, Tensor values, int[] expected, Func<int, float>? channelCenter, Tensor? centers)
    {
        int mismatches = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            int channel = i / values.Shape.PlaneSize % values.C;
            float centered = values.Span[i] - (centers is null ? channelCenter!(channel) : centers.Span[i]);
            int symbol = (int)MathF.Round(centered, MidpointRounding.ToEven);
            if (symbol != expected[i])
            {
                mismatches++;
                float distanceToTie = MathF.Abs(MathF.Abs(centered - MathF.Floor(centered)) - 0.5f);
                Assert.True(distanceToTie < 1e-3f, $"{name}[{i}]: {symbol} vs {expected[i]} for {centered}, not a tie.");
            }
        }

        _output.WriteLine($"{name}: {expected.Length} symbols, {mismatches} tie mismatches");
    }

    private static Fixture Load()
    {
        string familyDirectory = Environment.GetEnvironmentVariable(ModelsDirectoryVariable) is { Length: > 0 } overridden
            ? overridden
            : CommittedFamily.FamilyDirectory;
        string json = Path.Combine(familyDirectory, "fixtures", "fixtures.json");
        // The family ships with its fixtures: a missing file is a broken checkout or export, not a reason to pass.
        Assert.True(File.Exists(json), $"no fixtures at {json}: export them with training/export.py --fixture-level 6");

        using JsonDocument meta = JsonDocument.Parse(File.ReadAllText(json));
        JsonElement rootElement = meta.RootElement;
        return new Fixture(
            ModelFamily.Load(familyDirectory),
            SafeTensorsFile.Open(Path.Combine(familyDirectory, "fixtures", "fixtures.safetensors")),
            rootElement.GetProperty("level").GetInt32(),
            rootElement.GetProperty("height").GetInt32(),
            rootElement.GetProperty("width").GetInt32(),
            rootElement.GetProperty("padded_height").GetInt32(),
            rootElement.GetProperty("padded_width").GetInt32());
    }

    private sealed record Fixture(ModelFamily Family, SafeTensorsFile Tensors, int Level, int Height, int Width, int PaddedHeight, int PaddedWidth)
    {
        public Tensor Float(string name)
        {
            SafeTensorsEntry entry = Tensors.GetEntry(name);
            int[] shape = [.. entry.Shape.Select(d => (int)d)];
            return new Tensor(new TensorShape(shape[0], shape[1], shape[2], shape[3]), Tensors.ReadFloat32(name));
        }

        public int[] Int(string name) => Tensors.ReadInt32(name);
    }
}
