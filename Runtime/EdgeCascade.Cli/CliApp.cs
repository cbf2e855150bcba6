using System.CommandLine;
using EdgeCascade.Cli.Commands;

namespace EdgeCascade.Cli;

/// <summary>The <c>edgecascade</c> command tree and its exit-code contract: 0 success, 2 bad input, 1 internal error.</summary>
public static class CliApp
{
    public static RootCommand BuildRoot(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var root = new RootCommand("EdgeCascade: distributed multi-stage learned image compression over edge-cloud topologies (HCF).");
        root.Add(CliContext.VerboseOption);
        root.Add(TopologyCommand.Build(context));
        root.Add(BenchTransportCommand.Build(context));
        root.Add(CompareCommand.Build(context));
        root.Add(EvalCommand.Build(context));
        foreach (var command in CodecCommands.Build(context))
        {
            root.Add(command);
        }

        root.Add(SimulateCommand.Build(context));
        root.Add(ProfileCommand.Build(context));
        BenchSimulateCommand.AddTo(root, context);
        BenchCodecCommand.AddTo(root, context);
        root.Add(NodeCommand.Build(context));
        root.Add(ClusterCommand.Build(context));
        root.Add(SendCommand.Build(context));
        root.Add(ReportCommand.Build(context));
        return root;
    }

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var context = new CliContext(output, error);
        var root = BuildRoot(context);
        var parse = root.Parse(args);
        context.Verbose = parse.GetValue(CliContext.VerboseOption);
        if (parse.Errors.Count > 0)
        {
            var reason = string.Join(' ', parse.Errors[0].Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            error.WriteLine($"edgecascade: {reason} (run 'edgecascade --help' for usage)");
            return ExitCodes.BadInput;
        }

        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }
}
