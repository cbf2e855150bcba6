using System.CommandLine;
using System.CommandLine.Parsing;
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
        RejectEmptyValues(root);
        return root;
    }

    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, output, error, CancellationToken.None);

    /// <summary>Runs one command line; <paramref name="interrupt"/> acts like Ctrl-C (tests interrupt through it).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, CancellationToken interrupt)
    {
        ArgumentNullException.ThrowIfNull(error);
        var context = new CliContext(output, error, interrupt);
        var root = BuildRoot(context);
        var parse = root.Parse(args);
        context.Verbose = parse.GetValue(CliContext.VerboseOption);
        if (parse.Errors.Count > 0)
        {
            var reason = string.Join(' ', Describe(parse.Errors[0]).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            error.WriteLine($"edgecascade: {reason} (run 'edgecascade --help' for usage)");
            return ExitCodes.BadInput;
        }

        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }

    /// <summary>
    /// An empty string is never a valid path, name or URI here; rejecting it while parsing gives one clear line
    /// instead of an ArgumentException from deep inside a command (e.g. <c>--out ""</c>).
    /// </summary>
    private static void RejectEmptyValues(Command command)
    {
        foreach (var option in command.Options.Where(o => TakesText(o.ValueType)))
        {
            option.Validators.Add(result =>
            {
                if (result.Tokens.Any(t => t.Value.Length == 0))
                {
                    result.AddError($"{option.Name} is empty (\"\"); give it a value");
                }
            });
        }

        foreach (var argument in command.Arguments.Where(a => TakesText(a.ValueType)))
        {
            argument.Validators.Add(result =>
            {
                if (result.Tokens.Any(t => t.Value.Length == 0))
                {
                    result.AddError($"{argument.Name} is empty (\"\"); give it a value");
                }
            });
        }

        foreach (var subcommand in command.Subcommands)
        {
            RejectEmptyValues(subcommand);
        }
    }

    private static bool TakesText(Type type) => type == typeof(string) || type == typeof(string[]);

    /// <summary>
    /// A parse error in the user's terms: System.CommandLine names the CLR type it expected
    /// (<c>System.Nullable`1[System.Int32]</c>, <c>ExperimentKind</c>), which means nothing to a user.
    /// </summary>
    private static string Describe(ParseError parseError)
    {
        const string CannotParse = "Cannot parse argument";
        if (!parseError.Message.StartsWith(CannotParse, StringComparison.Ordinal))
        {
            return parseError.Message;
        }

        (string name, Type type, IReadOnlyList<Token> tokens) = parseError.SymbolResult switch
        {
            OptionResult o => (o.Option.Name, o.Option.ValueType, o.Tokens),
            ArgumentResult a => (a.Argument.Name, a.Argument.ValueType, a.Tokens),
            _ => (string.Empty, typeof(object), (IReadOnlyList<Token>)[]),
        };
        if (name.Length == 0)
        {
            return parseError.Message;
        }

        var value = tokens.Count > 0 ? tokens[^1].Value : string.Empty;
        return $"{name} got '{value}', which is not {Expected(type)}; pass {Expected(type)}";
    }

    private static string Expected(Type type)
    {
        var core = Nullable.GetUnderlyingType(type) ?? type;
        if (core.IsEnum)
        {
            return "one of " + string.Join(", ", Enum.GetNames(core).Select(n => n.ToLowerInvariant()));
        }

        return Type.GetTypeCode(core) switch
        {
            TypeCode.Int16 or TypeCode.Int32 or TypeCode.Int64 or TypeCode.UInt16 or TypeCode.UInt32 or TypeCode.UInt64 or TypeCode.Byte => "a whole number",
            TypeCode.Single or TypeCode.Double or TypeCode.Decimal => "a number",
            TypeCode.Boolean => "true or false",
            _ => "a valid value",
        };
    }
}
