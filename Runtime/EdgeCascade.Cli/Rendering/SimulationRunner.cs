using EdgeCascade.Simulation.Engine;
using EdgeCascade.Simulation.Reports;
using Spectre.Console;

namespace EdgeCascade.Cli.Rendering;

/// <summary>
/// Runs a prepared simulation for the CLI: Ctrl-C (or the <c>interrupt</c> token) stops it cleanly (the engine then
/// writes complete files for the part simulated and the summary says <c>completed: false</c>), and a Spectre progress
/// bar is drawn on an interactive terminal.
/// </summary>
public static class SimulationRunner
{
    public static SimulationSummary Run(SimulationEngine engine, long imagesExpected, bool showProgress) =>
        Run(engine, imagesExpected, showProgress, CancellationToken.None);

    /// <summary>Runs <paramref name="engine"/>; a cancelled <paramref name="interrupt"/> acts like Ctrl-C.</summary>
    public static SimulationSummary Run(SimulationEngine engine, long imagesExpected, bool showProgress, CancellationToken interrupt)
    {
        ArgumentNullException.ThrowIfNull(engine);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            if (!showProgress || Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
            {
                return engine.Run(progress: null, cancel.Token);
            }

            SimulationSummary? summary = null;
            AnsiConsole.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    ProgressTask task = context.AddTask("simulating", maxValue: Math.Max(1, imagesExpected));
                    var progress = new InlineProgress(p => task.Value = Math.Min(task.MaxValue, p.ImagesFinished));
                    summary = engine.Run(progress, cancel.Token);
                    task.Value = task.MaxValue;
                });
            return summary!;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Reports on the simulation thread itself (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class InlineProgress(Action<SimulationProgress> report) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value) => report(value);
    }
}
