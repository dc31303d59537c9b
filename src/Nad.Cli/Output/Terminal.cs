using Nad.Core.Detectors;
using Spectre.Console;

namespace Nad.Cli.Output;

/// <summary>
/// The two consoles of a command: results on stdout, progress and messages on stderr, so that
/// <c>--json</c> output can be piped while the user still sees progress.
/// </summary>
public sealed class Terminal(TextWriter stdout, TextWriter stderr)
{
    /// <summary>
    /// Width of results (stdout) sent to a file, a pipe or a test: wide enough for the tables,
    /// narrow enough to read in a log or an editor (a redirected console has no width of its own,
    /// and Spectre would stretch rules to any width given).
    /// </summary>
    public const int RedirectedWidth = 100;

    // Messages on stderr are never wrapped when redirected: one message is one line, so a log
    // can be grepped and a path in it copied whole.
    private const int UnwrappedWidth = 4096;

    public IAnsiConsole Out { get; } = Create(stdout, RedirectedWidth);
    public IAnsiConsole Err { get; } = Create(stderr, UnwrappedWidth);
    public TextWriter StdOut { get; } = stdout;

    /// <summary>The width stdout is written at: the terminal's, or <see cref="RedirectedWidth"/>.</summary>
    public int OutWidth => Out.Profile.Width;

    private static IAnsiConsole Create(TextWriter writer, int redirectedWidth)
    {
        var isTerminal = (writer == Console.Out && !Console.IsOutputRedirected) || (writer == Console.Error && !Console.IsErrorRedirected);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!isTerminal) console.Profile.Width = redirectedWidth;
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
