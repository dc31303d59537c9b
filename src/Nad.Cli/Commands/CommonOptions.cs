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

    public static Option<string?> Schema(string description) => new("--schema")
    {
        Description = description,
    };

    /// <summary>The schema named by --schema (a built-in name or a schema JSON file), else <paramref name="fallback"/>.</summary>
    public static RecordSchema ResolveSchema(string? given, RecordSchema fallback) =>
        given is null ? fallback : SchemaFile.Resolve(given);

    /// <summary>
    /// The schema to read data for <paramref name="modelSchema"/>'s model with: the model's own; a --schema
    /// that names another is refused (the model's encoder knows only its own columns).
    /// </summary>
    public static RecordSchema ModelSchema(string? given, RecordSchema modelSchema, string modelPath)
    {
        if (given is null) return modelSchema;
        var schema = SchemaFile.Resolve(given);
        if (!string.Equals(schema.Name, modelSchema.Name, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"--schema {given} is schema '{schema.Name}', but {modelPath} was trained on schema '{modelSchema.Name}'; leave --schema out to use the model's.");
        return modelSchema;
    }

    /// <summary>Reads a data file with a progress line, reporting skipped rows and cleaned dirt on stderr.</summary>
    public static ConnectionDataset Read(Terminal terminal, string path, bool skipBadRows, bool requireLabels, RecordSchema? schema = null)
    {
        var options = new ReadOptions { SkipBadRows = skipBadRows, RequireLabels = requireLabels };
        var started = System.Diagnostics.Stopwatch.StartNew();
        var data = RecordReader.ReadFile(schema ?? BuiltInSchemas.NslKdd, path, options, out var summary);
        var schemaNote = data.Schema.IsNslKdd ? "" : $" (schema {data.Schema.Name})";
        terminal.Info($"[grey]read {data.Count:N0} rows from {Spectre.Console.Markup.Escape(path)}{Spectre.Console.Markup.Escape(schemaNote)} in {started.Elapsed.TotalSeconds:0.00} s[/]");
        foreach (var line in summary.DescribeDirt())
            terminal.Info($"[grey]  cleaned {Spectre.Console.Markup.Escape(line)}[/]");
        if (summary.BadRowsSkipped > 0)
        {
            terminal.Info($"[yellow]skipped {summary.BadRowsSkipped:N0} bad rows; the first ones:[/]");
            foreach (var error in summary.SkippedExamples)
                terminal.Err.WriteLine("  " + error);
        }
        return data;
    }
}
