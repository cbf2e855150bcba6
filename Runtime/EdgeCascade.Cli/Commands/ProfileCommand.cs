using System.CommandLine;
using System.Globalization;
using EdgeCascade.Simulation.Profiles;

namespace EdgeCascade.Cli.Commands;

/// <summary>
/// <c>edgecascade profile validate [FILE]</c>: checks a simulation profile and prints what it covers.
/// <c>edgecascade profile build</c> (ProfileBuildCommand) measures a profile with the exact codec.
/// </summary>
public static class ProfileCommand
{
    public static Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("profile", "Simulation profiles: measured rate, quality and compute tables for profile fidelity");
        command.Add(BuildValidate(context));
        command.Add(ProfileBuildCommand.Build(context));
        return command;
    }

    private static Command BuildValidate(CliContext context)
    {
        var file = new Argument<string?>("FILE")
        {
            Description = "Profile JSON (default: models/<family>/profile.json of the topology file's family)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var topologyFile = TopologyCommand.FileOption();
        var command = new Command("validate", "Check a simulation profile against its schema and the topology file's model family") { file, topologyFile };
        command.SetAction(parse => context.Guard(() =>
        {
            var path = Topologies.TopologyLoader.ResolvePath(parse.GetValue(topologyFile));
            var catalog = Topologies.TopologyLoader.LoadFile(path);
            var (profile, source) = Rendering.SimulationInputs.LoadProfile(parse.GetValue(file), catalog.Family.Id, path);
            try
            {
                ProfileCostModel.EnsureFamily(profile, catalog.Family.Id, source);
            }
            catch (ProfileException error)
            {
                throw new UserInputException(error.Message, error);
            }

            context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{source}: OK (family {profile.ModelFamily}, {profile.ImageCount} images of {profile.ImageWidth}x{profile.ImageHeight} from '{profile.ImageSet.Name}', " +
                $"{profile.Levels.Count} levels, {profile.Cascades.Count} cascades)"));
            return ExitCodes.Success;
        }));
        return command;
    }
}
