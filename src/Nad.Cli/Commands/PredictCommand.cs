using System.CommandLine;
using Nad.Cli.Output;
using Nad.Core.Detectors;
using Nad.Core.IO;
using Nad.Core.ModelFiles;

namespace Nad.Cli.Commands;

/// <summary>
/// <c>nad predict</c>: score every record of an NSL-KDD file (<c>--data</c>, one result row per
/// input row) or of traffic (<c>--pcap</c> / <c>--zeek</c>, records extracted then scored, alerts printed).
/// </summary>
internal static class PredictCommand
{
    public static Command Create(Terminal terminal)
    {
        var model = CommonOptions.ModelFile("Model file written by `nad train`.");
        var data = CommonOptions.Data("Records in the model's schema (labels optional; ignored if present); NSL-KDD models also read `nad extract`'s CSV.");
        var schema = CommonOptions.Schema("The layout of --data; must be the model's schema (the default).");
        data.Required = false;
        var traffic = new TrafficOptions();
        var output = new Option<string>("--out", "-o")
        {
            Description = "Where to write the scored rows ('-' or left out: stdout). With --data: row, line, predicted, score, "
                + "unknown_category as CSV, or with --json one JSON object per row. With --pcap/--zeek: a CSV of the extracted "
                + "record and its context, then predicted and score (the alerts table then goes nowhere if '-').",
        };
        var skip = CommonOptions.SkipBadRows();
        var json = new Option<bool>("--json")
        {
            Description = "With --data: one JSON object per row (JSON lines) instead of CSV. With --pcap/--zeek: the alerts as one JSON "
                + "document on stdout instead of the table. Progress and messages always go to stderr.",
        };
        var all = new Option<bool>("--all") { Description = "With --pcap/--zeek: list every connection, not only the alerts." };
        var command = new Command("predict", "Score records with a model: an NSL-KDD file (--data) or traffic (--pcap capture or --zeek conn.log, alerts printed as a table).")
        {
            model, data, schema, output, skip, json, all,
        };
        foreach (var option in traffic.All) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var given = (parse.GetValue(data) is { Length: > 0 } ? 1 : 0) + (parse.GetValue(traffic.Pcap) is not null ? 1 : 0) + (parse.GetValue(traffic.Zeek) is not null ? 1 : 0);
            if (given != 1)
                throw new ArgumentException("Give exactly one input: --data <NSL-KDD file>, --pcap <capture> or --zeek <conn.log>.");
            var outPath = parse.GetValue(output);
            // Refuse a bad --out before the model is loaded and the data read.
            if (outPath is not null && !OutputFile.IsStandardOutput(outPath)) OutputFile.Check(outPath, "--out");
            if (traffic.IsGiven(parse))
            {
                if (OutputFile.IsStandardOutput(outPath) && parse.GetValue(json))
                    throw new ArgumentException("--out - and --json both write to stdout; give --out a file name, or leave one out.");
                return TrafficPrediction.Run(terminal, ModelFile.Load(parse.GetValue(model)!.FullName), traffic, parse,
                    outPath, parse.GetValue(json), parse.GetValue(all));
            }
            var modelPath = parse.GetValue(model)!.FullName;
            var detector = ModelFile.Load(modelPath);
            var layout = CommonOptions.ModelSchema(parse.GetValue(schema), detector.Schema, modelPath);
            var dataset = CommonOptions.Read(terminal, CommonOptions.DataPaths(parse, data), parse.GetValue(skip), requireLabels: false, layout, connectionFields: true);
            var scores = terminal.WithProgress($"scoring {dataset.Count:N0} rows", _ => detector.Score(dataset.Records));
            var rows = new ScoredRows(detector, dataset, scores, parse.GetValue(json));
            if (outPath is null || OutputFile.IsStandardOutput(outPath))
                rows.WriteTo(terminal.StdOut);
            else
                OutputFile.Write(outPath, "--out", writer => { rows.WriteTo(writer); return 0; });
            terminal.Info($"[green]wrote[/] {dataset.Count:N0} rows to {Spectre.Console.Markup.Escape(outPath is null || OutputFile.IsStandardOutput(outPath) ? "stdout" : outPath)}: "
                + $"{rows.Attacks:N0} attack, {dataset.Count - rows.Attacks:N0} normal (threshold {detector.Threshold:0.####})");
            if (rows.UnknownRows > 0)
                terminal.Info($"[yellow]{rows.UnknownRows:N0} rows had a categorical value never seen in training (encoded as unknown).[/]");
            return 0;
        });
        return command;
    }
}
