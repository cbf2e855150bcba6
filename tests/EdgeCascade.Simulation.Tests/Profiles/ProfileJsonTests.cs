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

    // Issue 17, failure 6: a profile with a 1e9 x 1e9 image passed 'profile validate', then simulate spun at time 0.
    [Theory]
    [InlineData("\"image_width\": ", "1000000000", "$.image_width: 1000000000 is above the maximum 65536")]
    [InlineData("\"image_height\": ", "1000000000", "$.image_height: 1000000000 is above the maximum 65536")]
    [InlineData("\"flops\": ", "1e30", "is above the maximum")]
    public void Parse_PhysicallyImpossibleValue_ThrowsNamingTheMaximum(string key, string value, string expected)
    {
        string json = System.Text.RegularExpressions.Regex.Replace(
            Encoding.UTF8.GetString(ProfileJson.ToUtf8(SyntheticProfiles.Uniform(levels: 2, images: 1))),
            System.Text.RegularExpressions.Regex.Escape(key) + "[0-9.eE+-]+",
            key + value);

        var error = Assert.Throws<ProfileException>(() => ProfileJson.Parse(json, "p.json"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BitsPerPixelAboveRaw_Throws()
    {
        SimulationProfile profile = SyntheticProfiles.Uniform(levels: 1, images: 1);
        string json = System.Text.RegularExpressions.Regex.Replace(
            Encoding.UTF8.GetString(ProfileJson.ToUtf8(profile)), "\"per_image\": \\[\\s*[0-9.eE+-]+", "\"per_image\": [ 1000");

        var error = Assert.Throws<ProfileException>(() => ProfileJson.Parse(json, "p.json"));

        Assert.Contains("bits per pixel 1000 is outside 0..64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DevZero_ThrowsInsteadOfExhaustingMemory()
    {
        var error = Assert.Throws<ProfileException>(() => ProfileJson.Load("/dev/zero"));

        Assert.Contains("/dev/zero", error.Message, StringComparison.Ordinal);
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
