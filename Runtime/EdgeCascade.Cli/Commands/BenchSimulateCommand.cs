using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EdgeCascade.Cli.Benchmarks;
using EdgeCascade.Cli.Rendering;
using EdgeCascade.Experiments.Reports;
using EdgeCascade.Simulation.Engine;
using EdgeCascade.Simulation.Reports;

namespace EdgeCascade.Cli.Commands;

/// <summary>
/// <c>edgecascade bench simulate [--images N] [--profile FILE] [--file FILE] [--json]</c>: simulator speed on
/// <c>five-hop-chain</c> in profile mode (no output files): images/s, events/s, peak memory.
/// </summary>
/// <remarks>The wall clock is read here, in the CLI, and never inside the simulation library.</remarks>
public static class BenchSimulateCommand
{
    public const string Topology = "five-hop-chain";

    /// <summary>Adds <c>simulate</c> under the root's existing <c>bench</c> command, creating <c>bench</c> if there is none.</summary>
    public static void AddTo(RootCommand root, CliContext context)
    {
        BenchGroup.Of(root).Add(Build(context));
    }

    public static Command Build(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var images = new Option<int>("--images", "-n") { Description = "Images through the chain", DefaultValueFactory = _ => 1_000_000 };
        var profile = new Option<string?>("--profile") { Description = "Simulation profile JSON (default: models/<family>/profile.json)" };
        var file = TopologyCommand.FileOption();
        var json = new Option<bool>("--json") { Description = "Print one JSON object: images, events, wall_seconds, cpu_seconds, images_per_second, events_per_second, peak_memory_bytes" };
        var command = new Command("simulate", $"Simulator throughput: {Topology} in profile mode, no output files") { images, profile, file, json };
        command.SetAction(parse => context.Guard(() =>
        {
            int count = parse.GetValue(images);
            if (count < 1)
            {
                throw new UserInputException($"--images must be at least 1, got {count}");
            }

            var (catalog, topology, scenario, path) = SimulationInputs.LoadScenario(parse.GetValue(file), Topology, scenarioName: null);
            var (loaded, source) = SimulationInputs.LoadProfile(parse.GetValue(profile), catalog.Family.Id, path);
            var options = new SimulationOptions { Profile = loaded, ProfileSource = source, ImageCount = count };
            SimulationEngine engine = SimulationInputs.CreateEngine(catalog, topology, scenario, options);

            TimeSpan cpuBefore;
            using (var process = Process.GetCurrentProcess())
            {
                cpuBefore = process.TotalProcessorTime;
            }

            var stopwatch = Stopwatch.StartNew();
            SimulationSummary summary = SimulationRunner.Run(engine, count, showProgress: false);
            stopwatch.Stop();
            long peak;
            double cpuSeconds;
            using (var process = Process.GetCurrentProcess())
            {
                peak = process.PeakWorkingSet64;
                cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
            }

            double seconds = Math.Max(stopwatch.Elapsed.TotalSeconds, 1e-9);
            if (parse.GetValue(json))
            {
                var result = new BenchSimulateResult(summary.Arrived, summary.Events, seconds, cpuSeconds,
                    summary.Arrived / seconds, summary.Events / seconds, peak);
                context.Output.WriteLine(JsonSerializer.Serialize(result, CliJsonContext.Default.BenchSimulateResult));
            }
            else
            {
                context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{Topology}: {summary.Arrived:N0} images ({summary.Delivered:N0} delivered), {summary.Events:N0} events in {seconds:0.000} s"));
                context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{summary.Arrived / seconds:N0} images/s, {summary.Events / seconds:N0} events/s, peak memory {Units.Bytes(peak)}"));
                // On a shared machine wall time includes waiting for a core; CPU time shows the engine's own cost.
                context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"process CPU time {cpuSeconds:0.000} s ({summary.Events / Math.Max(cpuSeconds, 1e-9):N0} events per CPU-second)"));
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
