using System.CommandLine;
using Nad.Cli.Output;
using Nad.Core.Reading;
using Nad.Core.Records;
using Spectre.Console;

namespace Nad.Cli.Commands;

/// <summary>
/// <c>nad schema</c>: the record schemas (<c>list</c>, <c>show NAME|file.json</c>) and <c>infer</c>,
/// which writes a schema JSON file from a labelled CSV for <c>--schema</c> (docs/schemas.md).
/// </summary>
internal static class SchemaCommand
{
    public static Command Create(Terminal terminal)
    {
        var command = new Command("schema", "Record schemas: list the built-in ones, show one as JSON, or infer one from a labelled CSV.");
        command.Subcommands.Add(List(terminal));
        command.Subcommands.Add(Show(terminal));
        command.Subcommands.Add(Infer(terminal));
        return command;
    }

    private static Command List(Terminal terminal)
    {
        var command = new Command("list", "List the built-in schemas.");
        command.SetAction(_ =>
        {
            var table = new Table().AddColumns("schema", "features", "label", "description");
            foreach (var schema in BuiltInSchemas.All)
                table.AddRow(
                    Markup.Escape(schema.Name),
                    $"{schema.Columns.Count} ({schema.CategoricalColumns.Count} categorical)",
                    Markup.Escape(schema.Label is { } l ? $"{l.Column} (normal: {string.Join(", ", l.NormalValues)})" : "none"),
                    Markup.Escape(schema.Description));
            terminal.Out.Write(table);
            return 0;
        });
        return command;
    }

    private static Command Show(Terminal terminal)
    {
        var name = new Argument<string>("schema") { Description = "A built-in schema's name or a schema JSON file." };
        var command = new Command("show", "Print a schema as JSON (the format --schema reads).") { name };
        command.SetAction(parse =>
        {
            terminal.StdOut.WriteLine(SchemaFile.ToJson(SchemaFile.Resolve(parse.GetValue(name)!)));
            return 0;
        });
        return command;
    }

    private static Command Infer(Terminal terminal)
    {
        var data = CommonOptions.Data("A labelled CSV with a header row.");
        var label = new Option<string>("--label") { Description = "The label column, e.g. Label.", Required = true };
        var normal = new Option<string[]>("--normal")
        {
            Description = "The label value(s) meaning normal, e.g. BENIGN (repeatable).",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var schemaName = new Option<string?>("--name") { Description = "The schema's name (default: the file's name)." };
        var output = new Option<string>("--out", "-o") { Description = "Where to write the schema JSON ('-' for stdout).", Required = true };
        var command = new Command("infer", "Write a schema JSON file from a labelled CSV: numeric or categorical by content, identifier-like columns as connection fields. Read and edit it.")
        {
            data, label, normal, schemaName, output,
        };
        command.SetAction(parse =>
        {
            var outPath = parse.GetValue(output)!;
            if (!OutputFile.IsStandardOutput(outPath)) OutputFile.Check(outPath, "--out");
            // Day files of one data set share their layout: the first one is enough to infer it from.
            var paths = CommonOptions.DataPaths(parse, data);
            var path = paths[0];
            if (paths.Count > 1) terminal.Info($"[grey]inferring from {Markup.Escape(path)}, the first of {paths.Count} files[/]");
            var schema = terminal.WithProgress($"reading {Path.GetFileName(path)}",
                _ => SchemaInference.Infer(path, parse.GetValue(label)!, parse.GetValue(normal)!, parse.GetValue(schemaName)));
            if (BuiltInSchemas.Find(schema.Name) is not null)
                throw new ArgumentException($"'{schema.Name}' is a built-in schema's name; give --name another.");
            var json = SchemaFile.ToJson(schema);
            if (OutputFile.IsStandardOutput(outPath))
                terminal.StdOut.WriteLine(json);
            else
                OutputFile.Write(outPath, "--out", writer => { writer.WriteLine(json); return 0; });
            terminal.Info($"[green]schema[/] {Markup.Escape(schema.Name)}: {schema.NumericColumns.Count} numeric ({schema.IndicatorColumns.Count} may be missing), "
                + $"{schema.CategoricalColumns.Count} categorical, connection fields: {Markup.Escape(schema.ConnectionFields.Count == 0 ? "none" : string.Join(", ", schema.ConnectionFields))}, "
                + $"ignored: {Markup.Escape(schema.IgnoredColumns.Count == 0 ? "none" : string.Join(", ", schema.IgnoredColumns))}"
                + (OutputFile.IsStandardOutput(outPath) ? "" : $"; wrote {Markup.Escape(outPath)}"));
            return 0;
        });
        return command;
    }
}
