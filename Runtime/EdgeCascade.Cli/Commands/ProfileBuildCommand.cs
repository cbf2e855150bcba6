using System.CommandLine;
using System.Globalization;
using EdgeCascade.Cli.Rendering;
using EdgeCascade.Codec.Cascade;
using EdgeCascade.Simulation.Profiles;
using EdgeCascade.Simulation.Workloads;
using EdgeCascade.Topologies;

namespace EdgeCascade.Cli.Commands;

/// <summary>
/// <c>edgecascade profile build</c>: measures a simulation profile with the exact codec for every flow of a topology
/// file (every policy of each flow's Π(s, d; hops)) and writes it next to the models.
/// </summary>
public static class ProfileBuildCommand
{
    public static Command Build(CliContext context)
    {
        var file = TopologyCommand.FileOption();
        var topology = new Option<string?>("--topology") { Description = "Only this topology's flows (default: every topology in the file)" };
        var images = new Option<string?>("--images") { Description = "Folder of PNG/PPM images (default: data/eval)" };
        var crop = new Option<int>("--crop")
        {
            Description = "Centre-crop every image to this square size (the profile's reference resolution)",
            DefaultValueFactory = _ => 256,
        };
        var output = new Option<string?>("--out") { Description = "Profile file (default: <models>/profile.json)" };
        var models = CodecCommands.ModelsOption();
        var command = new Command("build", "Measure a simulation profile with the exact codec over an image set")
        {
            file, topology, images, crop, output, models,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            var side = parse.GetValue(crop);
            if (side < 64)
            {
                throw new UserInputException($"--crop {side} must be at least 64");
            }

            var catalog = TopologyLoader.LoadFile(TopologyLoader.ResolvePath(parse.GetValue(file)));
            var selected = parse.GetValue(topology) is { } name ? [catalog.Get(name)] : catalog.Topologies;
            var cascades = selected.SelectMany(ProfileCoverage.Needed).Distinct().ToList();
            var family = ModelLocator.Load(parse.GetValue(models));
            if (family.FamilyId != catalog.Family.Id)
            {
                throw new UserInputException($"the models are family '{family.FamilyId}' but the topology file uses '{catalog.Family.Id}'; pass --models for '{catalog.Family.Id}'");
            }

            var set = EvalImageFolder.Load(CompareCommand.ResolveImages(parse.GetValue(images)), side);
            if (set.Any(i => i.Image.Width != side || i.Image.Height != side))
            {
                throw new UserInputException($"every profile image must be at least {side}x{side}; lower --crop or drop the small images");
            }

            var engine = new CascadeEngine(family);
            var profile = ProgressDisplay.Run(context, true, "profile build",
                progress => ProfileBuilder.Build(engine, set, cascades, "eval", progress));
            var path = parse.GetValue(output) ?? Path.Combine(ModelLocator.Resolve(parse.GetValue(models)), "profile.json");
            ProfileJson.Save(profile, path);
            context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{path}: {profile.Levels.Count} levels, {profile.Cascades.Count} cascades over {set.Count} images of {side}x{side}"));
            return ExitCodes.Success;
        }));
        return command;
    }
}
