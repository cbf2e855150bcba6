using System.CommandLine;
using EdgeCascade.Cli.Rendering;
using EdgeCascade.Topologies;

namespace EdgeCascade.Cli.Commands;

/// <summary><c>edgecascade topology validate|show|reference</c>.</summary>
public static class TopologyCommand
{
    public static Command Build(CliContext context)
    {
        var command = new Command("topology", "Validate and inspect topology files (topologies.hocon)");
        command.Add(BuildValidate(context));
        command.Add(BuildShow(context));
        command.Add(BuildReference(context));
        return command;
    }

    private static Command BuildValidate(CliContext context)
    {
        var file = new Argument<string?>("FILE")
        {
            Description = "Topology file (default: topologies.hocon in this or a parent directory)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("validate", "Check a topology file; prints one line per topology, or file:line:column: error and exit 2");
        command.Add(file);
        command.SetAction(parse => context.Guard(() =>
        {
            var path = TopologyLoader.ResolvePath(parse.GetValue(file));
            var catalog = TopologyLoader.LoadFile(path);
            foreach (var topology in catalog.Topologies)
            {
                context.Output.WriteLine(
                    $"{topology.Name}: {topology.Nodes.Count} nodes, {topology.Links.Count} links, {topology.Flows.Count} flows, {topology.Scenarios.Count} scenarios");
            }

            context.Output.WriteLine($"{path}: OK ({catalog.Topologies.Count} topologies, family {catalog.Family.Id} with {catalog.Family.Levels} levels)");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command BuildShow(CliContext context)
    {
        var name = new Argument<string>("NAME") { Description = "Topology name, e.g. two-stage" };
        var file = FileOption();
        var format = new Option<OutputFormat>("--format", "-f")
        {
            Description = "text (tables), json, or dot (Graphviz)",
            DefaultValueFactory = _ => OutputFormat.Text,
        };
        var command = new Command("show", "Show one topology as tables, JSON or Graphviz DOT");
        command.Add(name);
        command.Add(file);
        command.Add(format);
        command.SetAction(parse => context.Guard(() =>
        {
            var catalog = TopologyLoader.LoadFile(TopologyLoader.ResolvePath(parse.GetValue(file)));
            var topology = catalog.Get(parse.GetValue(name)!);
            switch (parse.GetValue(format))
            {
                case OutputFormat.Json:
                    context.Output.WriteLine(TopologyJson.Write(catalog, topology));
                    break;
                case OutputFormat.Dot:
                    context.Output.Write(TopologyDot.Write(topology));
                    break;
                default:
                    TopologyTables.Write(context.Output, catalog, topology);
                    break;
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command BuildReference(CliContext context)
    {
        var command = new Command("reference", "Print the embedded reference.conf: every key with its meaning, unit and default");
        command.SetAction(_ =>
        {
            context.Output.Write(TopologyLoader.ReferenceConfig);
            return ExitCodes.Success;
        });
        return command;
    }

    internal static Option<string?> FileOption() => new("--file")
    {
        Description = "Topology file (default: topologies.hocon in this or a parent directory)",
    };
}
