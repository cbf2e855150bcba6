using EdgeCascade.Codec.Layers;
using EdgeCascade.Codec.Models;
using EdgeCascade.Codec.Tensors;
using EdgeCascade.Codec.Weights;

namespace EdgeCascade.Codec.Tests.Models;

public class ModelFamilyTests
{
    [Fact]
    public void Load_SyntheticFamily_ReadsCard()
    {
        using var family = new SyntheticFamily();
        ModelFamily models = ModelFamily.Load(family.Directory);

        Assert.Equal("ec-test", models.FamilyId);
        Assert.Equal(6, models.Levels);
        Assert.Equal(12, models.Card.LatentChannels(6));
        Assert.Equal(0.0067, models.Card.Lambda(3));
        Assert.Equal(8, models.Card.PhiWidth);
        Assert.True(models.Card.Training!.ContainsKey("level6"));
    }

    [Fact]
    public void Load_ParentFolderWithOneFamily_FindsTheCard()
    {
        using var family = new SyntheticFamily();
        string parent = Path.Combine(Path.GetTempPath(), $"ec-models-{Guid.NewGuid():N}");
        Directory.CreateDirectory(parent);
        try
        {
            string moved = Path.Combine(parent, "ec-test");
            Directory.Move(family.Directory, moved);

            ModelFamily models = ModelFamily.Load(parent);

            Assert.Equal(moved, models.Directory);
            Assert.Equal(3, models.GetLevel(3).Level);
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(6)]
    public void GetLevel_Synthetic_TransformsHaveContractShapes(int level)
    {
        using var family = new SyntheticFamily();
        LevelModel model = ModelFamily.Load(family.Directory).GetLevel(level);
        int m = SyntheticFamily.Latent[level - 1];
        Tensor image = Tensor.Random(new TensorShape(1, 3, 128, 192), seed: 3, low: 0f, high: 1f);

        Tensor latent = model.Analysis.Forward(image);
        Tensor hyperLatent = model.HyperAnalysis.Forward(latent);
        (Tensor scales, Tensor means) = model.EntropyParameters(hyperLatent);
        Tensor reconstruction = model.Synthesis.Forward(latent);

        Assert.Equal(new TensorShape(1, m, 8, 12), latent.Shape);
        Assert.Equal(new TensorShape(1, SyntheticFamily.Hyper, 2, 3), hyperLatent.Shape);
        Assert.Equal(latent.Shape, scales.Shape);
        Assert.Equal(latent.Shape, means.Shape);
        Assert.Equal(image.Shape, reconstruction.Shape);
        Assert.All(reconstruction.Span.ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void EntropyParameters_SplitsHyperSynthesisOutputScalesFirst()
    {
        using var family = new SyntheticFamily();
        LevelModel model = ModelFamily.Load(family.Directory).GetLevel(2);
        Tensor hyperLatent = Tensor.Random(new TensorShape(1, SyntheticFamily.Hyper, 2, 3), seed: 5);

        Tensor full = model.HyperSynthesis.Forward(hyperLatent);
        (Tensor scales, Tensor means) = model.EntropyParameters(hyperLatent);

        Assert.Equal(full.SliceChannels(0, model.LatentChannels).Span.ToArray(), scales.Span.ToArray());
        Assert.Equal(full.SliceChannels(model.LatentChannels, model.LatentChannels).Span.ToArray(), means.Span.ToArray());
    }

    [Fact]
    public void GetLevel_Tables_ExposedTrimmedAndValidated()
    {
        using var family = new SyntheticFamily();
        LevelModel model = ModelFamily.Load(family.Directory).GetLevel(5);

        Assert.Equal(SyntheticFamily.Hyper, model.Medians.Length);
        Assert.Equal(SyntheticFamily.Hyper, model.BottleneckTables.Rows);
        Assert.Equal(64, model.GaussianTables.Rows);
        Assert.Equal(64, model.ScaleTable.Length);
        for (int row = 0; row < model.GaussianTables.Rows; row++)
        {
            int[] cdf = model.GaussianTables.QuantizedCdf[row];
            Assert.Equal(model.GaussianTables.CdfLength[row], cdf.Length);
            Assert.Equal(0, cdf[0]);
            Assert.Equal(65536, cdf[^1]);
        }
    }

    [Fact]
    public void GetLevel_Twice_ReturnsCachedInstance()
    {
        using var family = new SyntheticFamily();
        ModelFamily models = ModelFamily.Load(family.Directory);
        Assert.Same(models.GetLevel(3), models.GetLevel(3));
        Assert.Same(models.GetTransform(PhiType.Intra, 3), models.GetTransform(PhiType.Intra, 3));
    }

    [Fact]
    public void GetTransform_Synthetic_MapsLatentWidthsAndEqualsSkipPlusBody()
    {
        using var family = new SyntheticFamily();
        LatentTransform phi = ModelFamily.Load(family.Directory).GetTransform(PhiType.Inter, 4);
        Tensor latent = Tensor.Random(new TensorShape(1, 12, 6, 7), seed: 9);

        Tensor output = phi.Forward(latent);
        Tensor expected = TensorOps.Add(phi.Skip.Forward(latent), phi.Body.Forward(latent));

        Assert.Equal(4, phi.FromLevel);
        Assert.Equal(3, phi.ToLevel);
        Assert.Equal(PhiType.Inter, phi.Type);
        Assert.Equal(new TensorShape(1, 8, 6, 7), output.Shape);
        Assert.Equal(expected.Span.ToArray(), output.Span.ToArray());
    }

    [Fact]
    public void GetTransform_LevelOne_Throws()
    {
        using var family = new SyntheticFamily();
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelFamily.Load(family.Directory).GetTransform(PhiType.Inter, 1));
    }

    [Fact]
    public void Load_MissingDirectory_ErrorNamesCardAndHint()
    {
        string directory = Path.Combine(Path.GetTempPath(), $"no-models-{Guid.NewGuid():N}");
        WeightsException error = Assert.Throws<WeightsException>(() => ModelFamily.Load(directory));
        Assert.Contains("card.json", error.Message);
        Assert.Contains("training/train_all.sh", error.Message);
    }

    [Fact]
    public void GetLevel_MissingWeightsFile_ErrorNamesFileAndHint()
    {
        using var family = new SyntheticFamily();
        File.Delete(family.PathOf("level3.safetensors"));
        WeightsException error = Assert.Throws<WeightsException>(() => ModelFamily.Load(family.Directory).GetLevel(3));
        Assert.Contains("level3.safetensors", error.Message);
        Assert.Contains("--models DIR", error.Message);
    }

    [Fact]
    public void GetLevel_MissingTensor_ErrorNamesTensor()
    {
        using var family = new SyntheticFamily(skipTensor: name => name == "g_s.9.bias");
        WeightsException error = Assert.Throws<WeightsException>(() => ModelFamily.Load(family.Directory).GetLevel(1));
        Assert.Equal("g_s.9.bias", error.TensorName);
        Assert.Contains("level1.safetensors", error.Message);
    }

    [Fact]
    public void LevelModel_WrongShape_ReportsExpectedAndActual()
    {
        SafeTensorsWriter writer = SyntheticFamily.LevelWriter(8, 12, seed: 1);
        SafeTensorsFile file = SafeTensorsFile.Parse(writer.ToArray(), "level4.safetensors");

        // Built as M = 16 while the file holds M = 12: g_a.6.weight is the first tensor to disagree.
        WeightsException error = Assert.Throws<WeightsException>(() => LevelModel.FromFile(file, 4, 8, 16));

        Assert.Equal("g_a.6.weight", error.TensorName);
        Assert.Contains("[12, 8, 5, 5]", error.Message);
        Assert.Contains("expected [16, 8, 5, 5]", error.Message);
    }

    [Fact]
    public void LevelModel_WrongDType_ReportsDType()
    {
        var writer = new SafeTensorsWriter();
        writer.AddInt32("g_a.0.weight", new int[8 * 3 * 25], [8, 3, 5, 5]);
        WeightsException error = Assert.Throws<WeightsException>(() => LevelModel.FromFile(SafeTensorsFile.Parse(writer.ToArray(), "f"), 1, 8, 8));
        Assert.Equal("g_a.0.weight", error.TensorName);
        Assert.Contains("dtype", error.Message);
    }

    [Fact]
    public void LevelModel_ExtraLayer_IsRejected()
    {
        SafeTensorsWriter writer = SyntheticFamily.LevelWriter(8, 8, seed: 1).AddFloat("g_a.7.weight", [1f], [1]);
        WeightsException error = Assert.Throws<WeightsException>(() => LevelModel.FromFile(SafeTensorsFile.Parse(writer.ToArray(), "f"), 1, 8, 8));
        Assert.Equal("g_a.7.weight", error.TensorName);
    }

    [Fact]
    public void LevelModel_RawGdnBeta_IsRejected()
    {
        SafeTensorsWriter writer = SyntheticFamily.LevelWriter(8, 8, seed: 1, skipTensor: name => name == "g_a.1.beta")
            .AddFloat("g_a.1.beta", Enumerable.Repeat(-0.5f, 8).ToArray(), [8]);
        WeightsException error = Assert.Throws<WeightsException>(() => LevelModel.FromFile(SafeTensorsFile.Parse(writer.ToArray(), "f"), 1, 8, 8));
        Assert.Equal("g_a.1.beta", error.TensorName);
        Assert.Contains("effective", error.Message);
    }

    [Fact]
    public void ModelCard_InconsistentLengths_IsRejected()
    {
        const string Json = """{"family_id": "x", "levels": 2, "lambdas": [1, 2], "n": [8, 8], "m": [8]}""";
        WeightsException error = Assert.Throws<WeightsException>(() => ModelCard.Parse(Json, "card.json"));
        Assert.Contains("card.json", error.Message);
    }

    [Fact]
    public void ModelCard_RoundTripsThroughSnakeCaseJson()
    {
        var card = new ModelCard
        {
            FamilyId = "f",
            Levels = 1,
            Lambdas = [0.5],
            N = [4],
            M = [6],
            PhiWidth = 16,
            Files = new Dictionary<string, string> { ["level1"] = "a.safetensors" },
        };

        string json = card.ToJson();
        ModelCard parsed = ModelCard.Parse(json, "memory");

        Assert.Contains("\"family_id\"", json);
        Assert.Contains("\"phi_width\"", json);
        Assert.Equal(16, parsed.PhiWidth);
        Assert.Equal("a.safetensors", parsed.Files["level1"]);
    }

    [Fact]
    public void ModelArchitecture_TensorLists_MatchArchitectureDocument()
    {
        IReadOnlyList<TensorSpec> level = ModelArchitecture.LevelTensors(48, 64);
        IReadOnlyList<TensorSpec> phi = ModelArchitecture.TransformTensors(64, 48, 48);

        Assert.Equal(40, level.Count);
        Assert.Contains(level, s => s.Name == "g_s.9.weight" && s.Shape.SequenceEqual([12, 48, 3, 3]));
        Assert.Contains(level, s => s.Name == "h_s.6.weight" && s.Shape.SequenceEqual([128, 48, 3, 3]));
        Assert.Contains(level, s => s.Name == "g_s.2.gamma" && s.Shape.SequenceEqual([48, 48]));
        Assert.Equal(54, phi.Count);
        Assert.Contains(phi, s => s.Name == "body.2.conv_b.3.weight" && s.Shape.SequenceEqual([48, 48, 1, 1]));
        Assert.Contains(phi, s => s.Name == "body.2.conv_a.1.conv.2.weight" && s.Shape.SequenceEqual([24, 24, 3, 3]));
        Assert.Contains(phi, s => s.Name == "skip.weight" && s.Shape.SequenceEqual([48, 64, 1, 1]));
        Assert.Contains(phi, s => s.Name == "body.1.gdn.beta");
    }
}
