using System.CommandLine;
using System.Globalization;
using EdgeCascade.Cli.Rendering;
using EdgeCascade.Codec.Cascade;
using EdgeCascade.Codec.Files;
using EdgeCascade.Simulation.Compute;
using EdgeCascade.Simulation.Engine;
using EdgeCascade.Simulation.Profiles;
using EdgeCascade.Simulation.Reports;
using EdgeCascade.Simulation.Workloads;

namespace EdgeCascade.Cli.Commands;

/// <summary>
/// <c>edgecascade simulate [--topology NAME] [--file FILE] [--scenario NAME] [--policy P] [--fidelity F]
/// [--profile FILE] [--images N] [--seed S] [--out DIR] [--json]</c>: a discrete-event run of one scenario.
/// </summary>
public static class SimulateCommand
{
    public static Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var topology = new Option<string>("--topology", "-t") { Description = "Topology name", DefaultValueFactory = _ => "two-stage" };
        var file = TopologyCommand.FileOption();
        var scenario = new Option<string?>("--scenario", "-s") { Description = "Scenario name (default: the topology's default scenario)" };
        var policy = new Option<string>("--policy", "-p") { Description = "How π is chosen per flow", DefaultValueFactory = _ => "edge" };
        policy.AcceptOnlyFromAmong(SimulationInputs.PolicyNames);
        var fidelity = new Option<string>("--fidelity") { Description = "profile (measured tables) or exact (real codec)", DefaultValueFactory = _ => "profile" };
        fidelity.AcceptOnlyFromAmong(SimulationInputs.FidelityNames);
        var profile = new Option<string?>("--profile") { Description = "Simulation profile JSON (default: models/<family>/profile.json)" };
        var images = new Option<int?>("--images", "-n") { Description = "Images per flow (default: the scenario's count)" };
        var seed = new Option<long?>("--seed") { Description = "Seed of every random choice (default: the scenario's)" };
        var output = new Option<string?>("--out", "-o") { Description = "Output directory (default: runs/<topology>-<scenario>-<seed>/)" };
        var models = CodecCommands.ModelsOption();
        var crop = new Option<int>("--crop")
        {
            Description = "Exact fidelity: centre-crop the scenario's images to this square size (they must share one size)",
            DefaultValueFactory = _ => 256,
        };
        var json = new Option<bool>("--json") { Description = "Print exactly the summary JSON object (as summary.json) on stdout" };
        var command = new Command("simulate", "Simulate a topology scenario in virtual time; writes summary.json, images.csv, nodes.csv, links.csv")
        {
            topology, file, scenario, policy, fidelity, profile, images, seed, output, json, models, crop,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            var (catalog, topologySpec, scenarioSpec, path) = SimulationInputs.LoadScenario(
                parse.GetValue(file), parse.GetValue(topology)!, parse.GetValue(scenario));
            int? count = parse.GetValue(images);
            if (count is < 0)
            {
                throw new UserInputException($"--images must be at least 0, got {count}");
            }

            SimulationFidelity mode = SimulationInputs.ParseFidelity(parse.GetValue(fidelity));
            SimulationProfile? loaded = null;
            string source = "the simulation profile";
            if (mode == SimulationFidelity.Profile)
            {
                (loaded, source) = SimulationInputs.LoadProfile(parse.GetValue(profile), catalog.Family.Id, path, out string profilePath);
                loaded = ProfileCoverageCache.Ensure(context, loaded, profilePath, topologySpec, parse.GetValue(models), showProgress: !parse.GetValue(json));
            }

            CodecExactCodec? exact = null;
            if (mode == SimulationFidelity.Exact)
            {
                var family = ModelLocator.Load(parse.GetValue(models));
                var imageDir = scenarioSpec.ImageSet == "eval"
                    ? CompareCommand.ResolveImages(null)
                    : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", scenarioSpec.ImageSet);
                exact = new CodecExactCodec(new CascadeEngine(family), EvalImageFolder.Load(imageDir, parse.GetValue(crop)));
            }

            long runSeed = parse.GetValue(seed) ?? scenarioSpec.Seed;
            string outDir = parse.GetValue(output)
                ?? Path.Combine("runs", string.Create(CultureInfo.InvariantCulture, $"{topologySpec.Name}-{scenarioSpec.Name}-{runSeed}"));

            // The engine writes into a hidden staging folder beside --out; only a run that ends (completed or
            // interrupted, both with valid files) moves its set into place, so a failed run leaves the previous
            // results whole and no half-written files behind.
            string staging = SafeFile.CreateStagingDirectory(outDir);
            SimulationSummary summary;
            bool horizonReached = false;
            IReadOnlyList<SourceSharing> sharing = [];
            try
            {
                var options = new SimulationOptions
                {
                    Policy = SimulationInputs.ParsePolicy(parse.GetValue(policy)),
                    Fidelity = mode,
                    Profile = loaded,
                    ExactCodec = exact,
                    ProfileSource = source,
                    ImageCount = count,
                    Seed = runSeed,
                    OutputDirectory = staging,
                    BaseDirectory = Path.GetDirectoryName(Path.GetFullPath(path)),
                };
                SimulationEngine engine = SimulationInputs.CreateEngine(catalog, topologySpec, scenarioSpec, options);
                long expected = engine.ImagesPerFlow * topologySpec.Flows.Count;
                bool interactive = ReferenceEquals(context.Output, Console.Out);
                summary = SimulationRunner.Run(engine, expected, showProgress: !parse.GetValue(json) && interactive && expected >= 10_000, context.Interrupt);
                horizonReached = engine.HorizonReached;
                sharing = engine.SharedSources;
                SafeFile.PublishDirectory(staging, outDir);
            }
            finally
            {
                SafeFile.DeleteStagingDirectory(staging);
            }

            if (parse.GetValue(json))
            {
                context.Output.Write(SummaryJson.ToText(summary));
            }
            else
            {
                SimulationTables.Write(context.Output, summary, outDir);
                foreach (SourceSharing shared in sharing)
                {
                    string links = shared.SharedLinks.Count == 0 ? "no link (their plans differ from the first hop)" : string.Join(", ", shared.SharedLinks);
                    context.Output.WriteLine($"{shared.Source}: one encode per image for {string.Join(", ", shared.Flows)}; one latent on {links}");
                }
            }

            if (horizonReached)
            {
                // Not an interruption: the topology cannot carry its load, which is a result in itself.
                context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"edgecascade: stopped at {summary.SimulatedSeconds:0.###} s of simulated time with images still in flight (the horizon is 10x the arrival span); a link or GPU of this topology is too slow for its load, see links and nodes in the summary"));
                return ExitCodes.Success;
            }

            if (!summary.Completed)
            {
                // The engine stops early only when interrupted; scripts must be able to tell a partial run from a full one.
                context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"edgecascade: interrupted after {summary.SimulatedSeconds:0.###} s simulated; partial results (completed: false) written to {outDir}"));
                return ExitCodes.Interrupted;
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
