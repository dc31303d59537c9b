using System.CommandLine;
using Nad.Cli.Output;
using Nad.Core.Reading;
using Nad.Core.Records;
using Spectre.Console;

namespace Nad.Cli.Commands;

/// <summary>Options shared by several commands, and reading data the same way everywhere.</summary>
internal static class CommonOptions
{
    public static Option<FileInfo> Data(string description) => new Option<FileInfo>("--data", "-d")
    {
        Description = description,
        Required = true,
    }.MustExist();

    public static Option<FileInfo> ModelFile(string description) => new Option<FileInfo>("--model", "-m")
    {
        Description = description,
        Required = true,
    }.MustExist();

    public static Option<bool> SkipBadRows() => new("--skip-bad-rows")
    {
        Description = "Skip rows that fail validation (and report how many) instead of stopping at the first ones.",
    };

    public static Option<bool> Json(string what) => new("--json")
    {
        Description = $"Print {what} as JSON on stdout and nothing else there (progress and messages go to stderr).",
    };

    /// <summary>Reads a data file with a progress line, reporting skipped rows on stderr.</summary>
    public static ConnectionDataset Read(Terminal terminal, string path, bool skipBadRows, bool requireLabels)
    {
        var options = new ReadOptions { SkipBadRows = skipBadRows, RequireLabels = requireLabels };
        var started = System.Diagnostics.Stopwatch.StartNew();
        var data = NslKddReader.ReadFile(path, options, out var summary);
        terminal.Info($"[grey]read {data.Count:N0} rows from {Spectre.Console.Markup.Escape(path)} in {started.Elapsed.TotalSeconds:0.00} s[/]");
        if (summary.BadRowsSkipped > 0)
        {
            terminal.Info($"[yellow]skipped {summary.BadRowsSkipped:N0} bad rows; the first ones:[/]");
            foreach (var error in summary.SkippedExamples)
                terminal.Err.WriteLine("  " + error);
        }
        return data;
    }
}
