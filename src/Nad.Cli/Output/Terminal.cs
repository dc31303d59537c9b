using Nad.Core.Detectors;
using Spectre.Console;

namespace Nad.Cli.Output;

/// <summary>
/// The two consoles of a command: results on stdout, progress and messages on stderr, so that
/// <c>--json</c> output can be piped while the user still sees progress.
/// </summary>
public sealed class Terminal(TextWriter stdout, TextWriter stderr)
{
    public IAnsiConsole Out { get; } = Create(stdout);
    public IAnsiConsole Err { get; } = Create(stderr);
    public TextWriter StdOut { get; } = stdout;

    private static IAnsiConsole Create(TextWriter writer)
    {
        var isTerminal = (writer == Console.Out && !Console.IsOutputRedirected) || (writer == Console.Error && !Console.IsErrorRedirected);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        // Redirected output (a file, a pipe, a test) has no width: don't wrap lines at 80 columns.
        if (!isTerminal) console.Profile.Width = 1000;
        return console;
    }

    /// <summary>A line on stderr.</summary>
    public void Info(string markup) => Err.MarkupLine(markup);

    /// <summary>
    /// Runs <paramref name="work"/> under a progress bar on stderr; where stderr is not a
    /// terminal (a log, a pipe) it prints one line per stage instead.
    /// </summary>
    public T WithProgress<T>(string title, Func<IProgress<TrainingProgress>, T> work)
    {
        if (!Err.Profile.Capabilities.Interactive)
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            var result = work(new StageLines(Err, title));
            Err.WriteLine($"{title}: done in {started.Elapsed.TotalSeconds:0.0} s");
            return result;
        }
        return Err.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: 1.0);
                var result = work(new Progress(task, title));
                task.Value = 1.0;
                task.Description = Markup.Escape($"{title}: done");
                return result;
            });
    }

    private sealed class StageLines(IAnsiConsole console, string title) : IProgress<TrainingProgress>
    {
        private string? _stage;

        public void Report(TrainingProgress value)
        {
            if (value.Stage == _stage) return;
            _stage = value.Stage;
            console.WriteLine($"{title}: {value.Stage} ({value.Fraction:P0})");
        }
    }

    // Synchronous IProgress: System.Progress<T> would post to the thread pool and arrive late.
    private sealed class Progress(ProgressTask task, string title) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            task.Value = Math.Max(task.Value, value.Fraction);
            task.Description = Markup.Escape($"{title}: {value.Stage}");
        }
    }
}
