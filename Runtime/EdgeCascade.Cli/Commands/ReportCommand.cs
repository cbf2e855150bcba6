using System.CommandLine;
using System.Text.Json;
using EdgeCascade.Experiments.Reports;

namespace EdgeCascade.Cli.Commands;

/// <summary>
/// <c>edgecascade report [DIR ...] [--out FILE.html] [--json]</c>: one self-contained HTML file (tables and inline SVG)
/// from the JSON and CSV results of <c>compare</c> and <c>simulate</c> under the given folders. Tables and plots are
/// made only here, from files, never inside an experiment or simulation run.
/// </summary>
public static class ReportCommand
{
    public static Command Build(CliContext context)
    {
        var directories = new Argument<string[]>("DIR")
        {
            Description = "Result folders to scan, recursively (default: runs)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var output = new Option<string?>("--out", "-o") { Description = "HTML file to write (default: <first DIR>/report.html)" };
        var json = new Option<bool>("--json") { Description = "Print {\"report\", \"sections\", \"inputs\"} as one JSON object on stdout" };
        var command = new Command("report", "Write one HTML report (tables and SVG plots) from compare documents and simulate outputs")
        {
            directories, output, json,
        };
        command.SetAction(parse => context.Guard(() =>
        {
            var folders = parse.GetValue(directories) is { Length: > 0 } given ? given : ["runs"];
            var path = parse.GetValue(output) ?? Path.Combine(folders[0], "report.html");
            if (!path.EndsWith(".html", StringComparison.OrdinalIgnoreCase) && !path.EndsWith(".htm", StringComparison.OrdinalIgnoreCase))
            {
                throw new UserInputException($"--out {path} must name an .html file");
            }

            var (sections, inputs) = ReportWriter.Write(folders, path);
            if (parse.GetValue(json))
            {
                context.Output.WriteLine(JsonSerializer.Serialize(new ReportOutcome(path, sections, inputs), CliJsonContext.Default.ReportOutcome));
                return ExitCodes.Success;
            }

            context.Output.WriteLine($"wrote {path}: {sections} sections from {inputs.Count} files");
            return ExitCodes.Success;
        }));
        return command;
    }
}
