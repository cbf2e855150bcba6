using System.Text;
using EdgeCascade.Actors.Policies;
using EdgeCascade.Simulation.Profiles;

namespace EdgeCascade.Simulation.Tests.Profiles;

public sealed class ProfileJsonTests
{
    [Fact]
    public void ToUtf8ThenParse_SyntheticProfile_RoundTripsAndRewritesIdentically()
    {
        SimulationProfile profile = SyntheticProfiles.Uniform(levels: 3, images: 2, spread: 0.25);

        byte[] json = ProfileJson.ToUtf8(profile);
        SimulationProfile read = ProfileJson.Parse(json, "p.json");

        Assert.Equal(profile.ModelFamily, read.ModelFamily);
        Assert.Equal(profile.Cascades.Count, read.Cascades.Count);
        Assert.Equal(profile.Levels[2].BitsPerPixel.PerImage, read.Levels[2].BitsPerPixel.PerImage);
        Assert.Equal(json, ProfileJson.ToUtf8(read));
    }

    [Fact]
    public void Parse_WrongPerImageCount_ThrowsNamingJsonPath()
    {
        string json = Encoding.UTF8.GetString(ProfileJson.ToUtf8(SyntheticProfiles.Uniform(levels: 1, images: 2)))
            .Replace("\"images\": [\n      \"synthetic-0.png\",\n      \"synthetic-1.png\"\n    ]", "\"images\": [\"only-one.png\"]", StringComparison.Ordinal);

        var error = Assert.Throws<ProfileException>(() => ProfileJson.Parse(json, "p.json"));

        Assert.StartsWith("p.json: $.levels[0].bpp.per_image: expected 1 values", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownSchema_Throws()
    {
        var error = Assert.Throws<ProfileException>(() => ProfileJson.Parse("{\"schema\": \"v0\"}", "p.json"));

        Assert.Contains("unsupported schema 'v0'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_ThrowsWithBuildHint()
    {
        var error = Assert.Throws<ProfileException>(() => ProfileJson.Load("models/none/profile.json"));

        Assert.Equal("no simulation profile at models/none/profile.json; build it with 'edgecascade profile build' or pass --profile FILE", error.Message);
    }

    [Fact]
    public void Cost_HalfThePixels_HalfTheFlopsAndMemory()
    {
        var model = new ProfileCostModel(SyntheticProfiles.Uniform(width: 100, height: 100, flopsPerOp: 1e6, memoryPerOp: 1000));

        var cost = model.Cost(StageOp.Analysis(6), 50, 100);

        Assert.Equal(5e5, cost.Flops);
        Assert.Equal(500, cost.PeakMemoryBytes);
    }

    [Fact]
    public void PredictBits_PrefixInProfile_MeanBppTimesPixels()
    {
        var model = new ProfileCostModel(SyntheticProfiles.Uniform());

        double bits = model.PredictBits(QuantizationPolicy.FromBits(6, 0, 1), 100, 100);

        Assert.Equal(0.5 * 10_000, bits, 9);
    }

    [Fact]
    public void Cascade_PolicyMissingFromProfile_ThrowsProfileException()
    {
        var model = new ProfileCostModel(SyntheticProfiles.Uniform(levels: 3));

        Assert.Throws<ProfileException>(() => model.Cascade(QuantizationPolicy.FromBits(6, 1, 1)));
    }
}
