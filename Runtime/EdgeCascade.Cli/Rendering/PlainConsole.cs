using Spectre.Console;

namespace EdgeCascade.Cli.Rendering;

/// <summary>A Spectre console over any TextWriter, without colours or ANSI codes, so output stays greppable.</summary>
public static class PlainConsole
{
    public static IAnsiConsole Create(TextWriter output, int width = 140)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        return console;
    }
}
