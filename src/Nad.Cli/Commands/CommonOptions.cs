using System.CommandLine;
using Nad.Cli.Output;
using Nad.Core.Evaluation;
using Nad.Core.Reading;
using Nad.Core.Records;
using Spectre.Console;

namespace Nad.Cli.Commands;

/// <summary>Options shared by several commands, and reading data the same way everywhere.</summary>
internal static class CommonOptions
{
    /// <summary>
    /// <c>--data</c>: one or more files, folders or globs read as one data set (<see cref="DataFiles"/>);
    /// a value naming no file is refused when the command line is parsed, naming it.
    /// </summary>
    public static Option<string[]> Data(string description) => Files("--data", description, required: true, "-d");

    /// <summary>An option that names data files as <c>--data</c> does (files, folders, globs; validated when parsed).</summary>
    public static Option<string[]> Files(string name, string description, bool required, params string[] aliases)
    {
        var option = new Option<string[]>(name, aliases)
        {
            Description = description + " A file, a folder (its .csv and .csv.gz files) or a glob ('days/*.csv.gz'); several are read as one data set.",
            Required = required,
            AllowMultipleArgumentsPerToken = true,
        };
        option.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
                if (DataFiles.Find(token.Value).Problem is { } problem)
                    result.AddError($"{result.IdentifierToken?.Value ?? option.Name} {token.Value} {problem}");
        });
        return option;
    }

    /// <summary>One data file only (<c>nad publish</c>: record ids are per file).</summary>
    public static Option<FileInfo> DataFile(string description) => new Option<FileInfo>("--data", "-d")
    {
        Description = description,
        Required = true,
    }.MustExist();

    /// <summary>The files <c>--data</c> (or another <see cref="Files"/> option) names, in order (each once); none when an optional one is not given.</summary>
    public static IReadOnlyList<string> DataPaths(ParseResult parse, Option<string[]> data) =>
        parse.GetValue(data) is { Length: > 0 } values ? DataFiles.Resolve(values, data.Name) : data.Required ? DataFiles.Resolve([], data.Name) : [];

    public static Option<FileInfo> ModelFile(string description) => new Option<FileInfo>("--model", "-m")
    {
        Description = description,
        Required = true,
    }.MustExist();

    public static Option<string[]> TestFiles() => new("--test-files")
    {
        Description = "Hold these --data files out as the test set: names with or without .gz/.csv, or patterns ('Wednesday*'). "
                      + "train: trains on the other files and reports metrics on these; evaluate: measures on these only (after --dedup over all files).",
        AllowMultipleArgumentsPerToken = true,
    };

    public static Option<bool> Dedup() => new("--dedup")
    {
        Description = "Remove exact duplicate rows (same features and label; the first kept) before any split, and say how many.",
    };

    /// <summary>--dedup: exact duplicates out before any split (CIC-IDS2017 is full of them), counted on stderr.</summary>
    public static ConnectionDataset RemoveDuplicates(Terminal terminal, ConnectionDataset data)
    {
        var result = Deduplication.RemoveExactDuplicates(data);
        terminal.Info($"[grey]removed {result.Removed:N0} exact duplicate rows of {data.Count:N0} (--dedup; {result.Data.Count:N0} left)[/]");
        return result.Data;
    }

    /// <summary>
    /// --test-files: the named files out as the test set, the rest to train on (<c>evaluate</c>: left out), both counted on stderr.
    /// </summary>
    public static (ConnectionDataset Train, ConnectionDataset Test) SplitByFiles(Terminal terminal, ConnectionDataset data, IReadOnlyCollection<string> testFiles,
        bool training = true)
    {
        if (data.Files.Count < 2)
            throw new ArgumentException($"--test-files needs several --data files (a folder, a glob or several values); {data.Source} is one file.");
        FileSplit split;
        try
        {
            split = FileSplit.ByFiles(data, testFiles);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"--test-files: {e.Message.Replace($" (Parameter '{e.ParamName}')", "")}", e);
        }
        var trainFiles = split.Train.FileIndices!.Distinct().Count();
        var rest = $"the other {trainFiles} file{(trainFiles == 1 ? "" : "s")}: {split.Train.Count:N0} rows";
        terminal.Info($"[grey]testing on {Markup.Escape(split.Test.Source)}: {split.Test.Count:N0} rows; {(training ? "training on " + rest : "left out: " + rest)}[/]");
        return (split.Train, split.Test);
    }

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
    public static ConnectionDataset Read(Terminal terminal, string path, bool skipBadRows, bool requireLabels, RecordSchema? schema = null) =>
        Read(terminal, [path], skipBadRows, requireLabels, schema);

    /// <summary>
    /// Reads one or more data files as one data set, reporting rows, skipped rows and cleaned dirt on stderr.
    /// Connection fields are kept only when <paramref name="connectionFields"/> (predict prints them; nothing else reads them).
    /// </summary>
    public static ConnectionDataset Read(Terminal terminal, IReadOnlyList<string> paths, bool skipBadRows, bool requireLabels, RecordSchema? schema = null,
        bool connectionFields = false)
    {
        var options = new ReadOptions { SkipBadRows = skipBadRows, RequireLabels = requireLabels, KeepConnectionFields = connectionFields };
        var started = System.Diagnostics.Stopwatch.StartNew();
        var data = RecordReader.ReadFiles(schema ?? BuiltInSchemas.NslKdd, paths, options, out var summary);
        var schemaNote = data.Schema.IsNslKdd ? "" : $" (schema {data.Schema.Name})";
        var from = paths.Count == 1 ? paths[0] : $"{paths.Count} files ({string.Join(", ", paths.Take(4).Select(Path.GetFileName))}{(paths.Count > 4 ? ", ..." : "")})";
        terminal.Info($"[grey]read {data.Count:N0} rows from {Spectre.Console.Markup.Escape(from)}{Spectre.Console.Markup.Escape(schemaNote)} in {started.Elapsed.TotalSeconds:0.00} s[/]");
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
