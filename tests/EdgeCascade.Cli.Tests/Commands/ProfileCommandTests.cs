using System.Text.RegularExpressions;

namespace EdgeCascade.Cli.Tests.Commands;

public sealed class ProfileCommandTests
{
    // Issue 17, failure 6: a profile with a 1e9 x 1e9 image passed 'profile validate', then simulate spun at time 0.
    [Fact]
    public void Validate_HugeImageSize_ExitsTwoNamingTheMaximum()
    {
        var path = Path.Combine(Path.GetTempPath(), $"profile-{Guid.NewGuid():N}.json");
        var shipped = File.ReadAllText(CliRunner.RepoFile("models/ec-mshp-v1/profile.json"));
        File.WriteAllText(path, Regex.Replace(shipped, "\"image_width\": [0-9]+", "\"image_width\": 1000000000"));
        try
        {
            var (code, _, error) = CliRunner.Run("profile", "validate", path, "--file", CliRunner.RepoFile("topologies.hocon"));

            Assert.Equal(2, code);
            Assert.Contains("image_width: 1000000000 is above the maximum 65536", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
