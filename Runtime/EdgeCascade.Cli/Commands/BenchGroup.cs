using System.CommandLine;

namespace EdgeCascade.Cli.Commands;

/// <summary>The root's <c>bench</c> command, which the bench subcommands join.</summary>
public static class BenchGroup
{
    /// <summary>The existing <c>bench</c> command of <paramref name="root"/>, created on first use.</summary>
    public static Command Of(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        Command? bench = root.Subcommands.FirstOrDefault(c => c.Name == "bench");
        if (bench is null)
        {
            bench = new Command("bench", "Benchmarks");
            root.Add(bench);
        }

        return bench;
    }
}
