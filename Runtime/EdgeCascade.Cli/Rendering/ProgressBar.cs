using Spectre.Console;

namespace EdgeCascade.Cli.Rendering;

/// <summary>
/// A progress bar on stderr for work of a known number of steps, shown only when stderr is a terminal, so piped
/// output, logs and the tests stay clean; stdout (tables or the one JSON object) is never touched.
/// </summary>
public static class ProgressBar
{
    /// <param name="work">Gets an action that marks one step done and names the next.</param>
    public static T Run<T>(CliContext context, string title, int steps, Func<Action<string>, T> work)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(work);
        if (Console.IsErrorRedirected || !ReferenceEquals(context.Error, Console.Error))
        {
            return work(_ => { });
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(progress =>
            {
                var task = progress.AddTask(Markup.Escape(title), maxValue: Math.Max(steps, 1));
                return work(message =>
                {
                    task.Increment(1);
                    task.Description = Markup.Escape($"{title}: {message}");
                });
            });
    }
}
