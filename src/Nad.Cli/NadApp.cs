using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Nad.Alerts.Stores;
using Nad.Cli.Commands;
using Nad.Streaming.Connecting;
using Nad.Cli.Output;
using Nad.Core.ModelFiles;
using Nad.Core.Reading;
using Spectre.Console;

namespace Nad.Cli;

/// <summary>
/// The <c>nad</c> command line: builds the commands and turns every expected failure into a
/// clear message and a non-zero exit code (never a stack trace).
/// </summary>
public static class NadApp
{
    /// <summary>Exit code for bad input (data, model file, option values).</summary>
    public const int BadInput = 2;
    /// <summary>Exit code for a failure NAD did not expect; the message still names it.</summary>
    public const int Unexpected = 70;

    /// <summary>A service NAD needs (the alert store: a PostgreSQL server, a NATS server) cannot be reached (EX_UNAVAILABLE).</summary>
    public const int Unavailable = 69;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var terminal = new Terminal(stdout, stderr);
        var root = new RootCommand("NAD: network anomaly detection on NSL-KDD connection records. What NAD writes when no path "
            + $"is given (nad demo's model, nad serve's models and alerts, nad benchmark's report) goes to its home folder: {NadHome.Folder} "
            + $"(set {NadHome.Variable} to move it).")
        {
            TrainCommand.Create(terminal),
            RetrainCommand.Create(terminal),
            EvaluateCommand.Create(terminal),
            PredictCommand.Create(terminal),
            ExtractCommand.Create(terminal),
            WatchCommand.Create(terminal),
            DemoCommand.Create(terminal),
            ModelsCommand.Create(terminal),
            ExploreCommand.Create(terminal),
            ClusterCommand.Create(terminal),
            ServeCommand.Create(terminal),
            PublishCommand.Create(terminal),
            WorkerCommand.Create(terminal),
            BenchmarkCommand.Create(terminal),
            ExplainModelCommand.Create(terminal),
            ExplainCommand.Create(terminal),
            DriftCommand.Create(terminal),
            SchemaCommand.Create(terminal),
        };
        // Help wraps at the same width as everything else (System.CommandLine's own default is unbounded when redirected).
        foreach (var help in root.Options.OfType<HelpOption>())
            help.Action = new HelpAction { MaxWidth = terminal.OutWidth };
        var configuration = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            EnableDefaultExceptionHandler = false,
            // Ctrl+C/SIGTERM cancel the command; give `nad serve` time to drain before the process ends.
            ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
        };
        try
        {
            var parse = root.Parse(args);
            // Bad command lines are bad input (exit 2), reported briefly; not System.CommandLine's exit 1 and full help.
            if (parse.Action is ParseErrorAction) return ParseErrors.Report(terminal, parse);
            return await parse.InvokeAsync(configuration, cancellationToken);
        }
        catch (Exception e)
        {
            return Report(terminal, e);
        }
    }

    /// <summary>Prints what went wrong, without a stack trace, and picks the exit code.</summary>
    public static int Report(Terminal terminal, Exception e)
    {
        switch (e)
        {
            case DataFormatException or ModelFileException or ArgumentException:
                terminal.Err.MarkupLineInterpolated($"[red]error:[/] {CoreErrors.Message(e)}");
                return BadInput;
            case AlertStoreUnavailableException or NatsUnavailableException:
                terminal.Err.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
                return Unavailable;
            case OperationCanceledException:
                terminal.Err.MarkupLine("[yellow]cancelled[/]");
                return 130;
            case IOException or UnauthorizedAccessException:
                terminal.Err.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
                return BadInput;
            default:
                terminal.Err.MarkupLineInterpolated($"[red]unexpected error ({e.GetType().Name}):[/] {e.Message}");
                if (Environment.GetEnvironmentVariable("NAD_DEBUG") == "1") terminal.Err.WriteLine(e.ToString());
                return Unexpected;
        }
    }
}
