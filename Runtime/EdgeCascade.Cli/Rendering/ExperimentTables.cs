using EdgeCascade.Experiments.Runners;
using Spectre.Console;

namespace EdgeCascade.Cli.Rendering;

/// <summary>Prints an experiment's tables as plain-text tables.</summary>
public static class ExperimentTables
{
    public static void Write(TextWriter output, ExperimentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var console = PlainConsole.Create(output);
        foreach (var table in result.Tables)
        {
            var rendered = new Table().Title(Markup.Escape(table.Title));
            foreach (var header in table.Headers)
            {
                rendered.AddColumn(Markup.Escape(header));
            }

            foreach (var row in table.Rows)
            {
                rendered.AddRow([.. row.Select(Markup.Escape)]);
            }

            console.Write(rendered);
        }
    }
}
