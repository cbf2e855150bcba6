using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EdgeCascade.Cli.Commands;
using EdgeCascade.Codec.Cascade;
using EdgeCascade.Codec.Imaging;
using EdgeCascade.Simulation.Profiles;
using EdgeCascade.Simulation.Workloads;
using EdgeCascade.Topologies.Model;

namespace EdgeCascade.Cli.Rendering;

/// <summary>
/// Lets a user's own topology simulate without a manual <c>profile build</c>: cascades the profile lacks for the
/// topology's flows are measured with the exact codec on the profile's own image set, and kept in a cache file next to
/// the profile (<c>profile.&lt;family&gt;-&lt;key&gt;.cache.json</c>, the key a hash of the image set and of the profile itself)
/// for the next run.
/// </summary>
/// <remarks>
/// The cache holds the whole profile plus the measured cascades, so one file is read. Its name carries the family id
/// and a hash of the image set (names and size) and of the profile's bytes: another family, image set or a rebuilt
/// profile never picks it up. The codec
/// is deterministic, so a run gives the same bytes whether the cascades came from the cache or were just measured.
/// </remarks>
public static class ProfileCoverageCache
{
    /// <summary>The profile, extended (and cached) where <paramref name="topology"/> needs cascades it lacks.</summary>
    /// <exception cref="UserInputException">The profile's images or the models are not available to measure with.</exception>
    public static SimulationProfile Ensure(
        CliContext context, SimulationProfile profile, string profilePath, TopologySpec topology, string? modelsDirectory, bool showProgress)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(topology);
        IReadOnlyList<(int Source, int Target, int Hops)> needed = ProfileCoverage.Needed(topology);
        if (ProfileCoverage.MissingPolicies(profile, needed).Count == 0)
        {
            return profile;
        }

        string cachePath = CachePath(profilePath, profile);
        if (File.Exists(cachePath) && TryLoad(cachePath) is { } cached)
        {
            profile = cached;
            if (ProfileCoverage.MissingPolicies(profile, needed).Count == 0)
            {
                return profile;
            }
        }

        int missing = ProfileCoverage.MissingPolicies(profile, needed).Count;
        if (!string.Equals(profile.ImageSet.Name, "eval", StringComparison.Ordinal) || profile.ImageWidth != profile.ImageHeight)
        {
            throw new UserInputException(
                $"the profile lacks {missing} cascade(s) this topology needs and its image set '{profile.ImageSet.Name}' is not one this command can find; " +
                "run 'edgecascade profile build --file FILE' for this topology");
        }

        var family = ModelLocator.Load(modelsDirectory);
        IReadOnlyList<EvalImage> images = EvalImageFolder.Load(CompareCommand.ResolveImages(null), profile.ImageWidth);
        context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"edgecascade: measuring {missing} cascade(s) the profile lacks for '{topology.Name}' (once; cached in {cachePath})"));
        SimulationProfile extended;
        try
        {
            extended = ProgressDisplay.Run(context, showProgress, $"measuring {missing} cascade(s)",
                progress => ProfileBuilder.Extend(profile, new CascadeEngine(family), images, needed, progress));
        }
        catch (ProfileException error)
        {
            throw new UserInputException(error.Message, error);
        }

        Save(context, extended, cachePath);
        return extended;
    }

    /// <summary>The cache file for <paramref name="profile"/> loaded from <paramref name="profilePath"/>.</summary>
    public static string CachePath(string profilePath, SimulationProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profilePath);
        ArgumentNullException.ThrowIfNull(profile);
        // The profile's own bytes are in the key: a profile rebuilt for new weights of the same family id never reads the
        // cascades measured with the old ones.
        string key = string.Join('\n', [profile.ImageSet.Name, .. profile.ImageSet.Images, string.Create(CultureInfo.InvariantCulture, $"{profile.ImageWidth}x{profile.ImageHeight}")]);
        byte[] identity = [.. Encoding.UTF8.GetBytes(key), .. ProfileJson.ToUtf8(profile)];
        string hash = Convert.ToHexStringLower(SHA256.HashData(identity))[..12];
        string directory = Path.GetDirectoryName(Path.GetFullPath(profilePath)) ?? ".";
        string stem = Path.GetFileNameWithoutExtension(profilePath);
        return Path.Combine(directory, $"{stem}.{profile.ModelFamily}-{hash}.cache.json");
    }

    private static SimulationProfile? TryLoad(string path)
    {
        try
        {
            return ProfileJson.Load(path);
        }
        catch (ProfileException)
        {
            return null; // a damaged cache is measured again and rewritten
        }
    }

    // Written to a temporary file and moved over the cache, so a crash never leaves half a cache behind.
    private static void Save(CliContext context, SimulationProfile profile, string path)
    {
        string temporary = path + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
        try
        {
            ProfileJson.Save(profile, temporary);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"edgecascade: could not write the profile cache {path} ({error.Message}); the cascades will be measured again next time");
            File.Delete(temporary);
        }
    }
}
