using System.CommandLine;
using System.Diagnostics;
using EdgeCascade.Cli.Rendering;
using EdgeCascade.Codec.Cascade;
using EdgeCascade.Experiments.Runners;
using EdgeCascade.Simulation.Workloads;

namespace EdgeCascade.Cli.Commands;

/// <summary><c>edgecascade compare --experiment policies|frameworks|complexity|paths|entropy</c>.</summary>
public static class CompareCommand
{
    public static Command Build(CliContext context)
    {
        var experiment = new Option<ExperimentKind>("--experiment", "-e")
        {
            Description = "policies (Table 1), frameworks (Table 2), complexity (Table 3), paths (Table 4) or entropy (Fig. 3)",
            Required = true,
        };
        var images = new Option<string?>("--images") { Description = "Folder of PNG/PPM evaluation images (default: data/eval)" };
        var output = new Option<string>("--out")
        {
            Description = "Folder for <experiment>.json and plots",
            DefaultValueFactory = _ => Path.Combine("runs", "compare"),
        };
        var seed = new Option<long>("--seed") { Description = "Seed of every random choice (entropy subsampling)", DefaultValueFactory = _ => 1 };
        var crop = new Option<int>("--crop")
        {
            Description = "Centre-crop images to this many pixels per side to bound run time (0 = whole images)",
            DefaultValueFactory = _ => 256,
        };
        var limit = new Option<int?>("--limit") { Description = "Use only the first N images" };
        var json = new Option<bool>("--json") { Description = "Print the result document as one JSON object on stdout" };
        var models = CodecCommands.ModelsOption();
        var command = new Command("compare", "Compare HCF policies and frameworks on real coded images; writes <out>/<experiment>.json")
        {
            experiment, images, output, seed, crop, limit, json, models,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            var kind = parse.GetValue(experiment);
            var cropSide = parse.GetValue(crop);
            if (cropSide is < 0 or (> 0 and < 64))
            {
                throw new UserInputException($"--crop {cropSide} must be 0 (whole images) or at least 64");
            }

            var engine = new CascadeEngine(ModelLocator.Load(parse.GetValue(models)));
            var set = EvalImageFolder.Load(ResolveImages(parse.GetValue(images)), cropSide == 0 ? null : cropSide, parse.GetValue(limit));
            var stopwatch = Stopwatch.StartNew();
            var result = ProgressDisplay.Run(context, !parse.GetValue(json), $"compare {kind.ToString().ToLowerInvariant()}",
                progress => ExperimentRunner.Run(kind, new ExperimentContext(engine, set, parse.GetValue(seed))
                {
                    // Measured time is a CLI concern: the experiments never read the clock themselves.
                    Timer = () => stopwatch.Elapsed.TotalSeconds,
                    Progress = progress,
                }));
            var (path, plots) = ExperimentOutput.Write(result, parse.GetValue(output)!);
            if (parse.GetValue(json))
            {
                context.Output.WriteLine(result.Document.ToJsonString());
                return ExitCodes.Success;
            }

            ExperimentTables.Write(context.Output, result);
            context.Output.WriteLine($"wrote {path}" + (plots.Count > 0 ? $" and {string.Join(", ", plots)}" : string.Empty));
            return ExitCodes.Success;
        }));
        return command;
    }

    internal static string ResolveImages(string? explicitDirectory)
    {
        if (!string.IsNullOrEmpty(explicitDirectory))
        {
            return explicitDirectory;
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "data", "eval");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return Path.Combine("data", "eval");
    }
}
