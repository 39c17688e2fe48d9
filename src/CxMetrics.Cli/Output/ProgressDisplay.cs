using Spectre.Console;

namespace CxMetrics.Cli.Output;

/// <summary>
/// A Spectre.Console progress display for long work (reading large files, model fits), written to stderr and only when
/// stderr is a terminal: piped or redirected runs, and in-process runs with other writers (the tests), get nothing, so
/// stdout and stderr stay clean for pipelines. <see cref="None"/> runs the work without display.
/// </summary>
internal sealed class ProgressDisplay
{
    private readonly IAnsiConsole? console;

    private ProgressDisplay(IAnsiConsole? console) => this.console = console;

    /// <summary>No display: the work just runs.</summary>
    public static ProgressDisplay None { get; } = new(null);

    /// <summary>Whether anything is displayed.</summary>
    public bool IsEnabled => console is not null;

    /// <summary>
    /// The display for a run whose errors go to <paramref name="error"/>: enabled only when that is the process's stderr and
    /// stderr is a terminal (not redirected), and <c>NO_COLOR</c>-style opt-out <c>CXMETRICS_NO_PROGRESS</c> is not set.
    /// </summary>
    public static ProgressDisplay For(TextWriter error) =>
        ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("CXMETRICS_NO_PROGRESS") is null
            ? To(error)
            : None;

    /// <summary>A display on any writer (for tests that check where it goes).</summary>
    public static ProgressDisplay To(TextWriter error) => new(AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(error),
        Interactive = InteractionSupport.Yes,
    }));

    /// <summary>Runs <paramref name="work"/> under a labelled task; the work may report what it has done through the callback.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="label">What is being done ("reading orders.csv", "fitting BG/NBD").</param>
    /// <param name="work">The work; its argument updates the task's description (e.g. rows read so far).</param>
    /// <returns>The work's result.</returns>
    public T Run<T>(string label, Func<Action<string>, T> work)
    {
        if (console is null)
        {
            return work(static _ => { });
        }

        return console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ElapsedTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(TerminalText.Safe(label))).IsIndeterminate();
                var result = work(status => task.Description = Markup.Escape(TerminalText.Safe($"{label}: {status}")));
                task.StopTask();
                return result;
            });
    }
}
