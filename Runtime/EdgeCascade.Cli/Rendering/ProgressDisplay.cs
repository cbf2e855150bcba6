using Spectre.Console;

namespace EdgeCascade.Cli.Rendering;

/// <summary>
/// A progress line on stderr for long work, shown only when stderr is a terminal and the user asked for tables,
/// so piped and --json output stay clean.
/// </summary>
public static class ProgressDisplay
{
    public static T Run<T>(CliContext context, bool enabled, string title, Func<IProgress<string>, T> work)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(work);
        if (!enabled || Console.IsErrorRedirected || !ReferenceEquals(context.Error, Console.Error))
        {
            return work(new Progress<string>(_ => { }));
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Status().Start(title, status =>
        {
            var done = 0;
            return work(new SynchronousProgress(message => status.Status($"{title}: {++done} steps, {Markup.Escape(message)}")));
        });
    }

    private sealed class SynchronousProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
