using System.CommandLine;
using System.Globalization;
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
        var data = CommonOptions.Data("Records in the NSL-KDD layout (labels optional; ignored if present).");
        data.Required = false;
        var traffic = new TrafficOptions();
        var output = new Option<FileInfo>("--out", "-o")
        {
            Description = "CSV to write. With --data (required there): row, line, predicted, score, unknown_category. "
                + "With --pcap/--zeek: the extracted record and its context, then predicted and score.",
        };
        var skip = CommonOptions.SkipBadRows();
        var json = CommonOptions.Json("the alerts");
        var all = new Option<bool>("--all") { Description = "With --pcap/--zeek: list every connection, not only the alerts." };
        var command = new Command("predict", "Score records with a model: an NSL-KDD file (--data) or traffic (--pcap capture or --zeek conn.log, alerts printed as a table).")
        {
            model, data, output, skip, json, all,
        };
        foreach (var option in traffic.All) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var given = (parse.GetValue(data) is not null ? 1 : 0) + (parse.GetValue(traffic.Pcap) is not null ? 1 : 0) + (parse.GetValue(traffic.Zeek) is not null ? 1 : 0);
            if (given != 1)
                throw new ArgumentException("Give exactly one input: --data <NSL-KDD file>, --pcap <capture> or --zeek <conn.log>.");
            if (traffic.IsGiven(parse))
                return TrafficPrediction.Run(terminal, ModelFile.Load(parse.GetValue(model)!.FullName), traffic, parse,
                    parse.GetValue(output)?.FullName, parse.GetValue(json), parse.GetValue(all));
            if (parse.GetValue(output) is null)
                throw new ArgumentException("--out <csv> is required with --data.");
            var detector = ModelFile.Load(parse.GetValue(model)!.FullName);
            var dataset = CommonOptions.Read(terminal, parse.GetValue(data)!.FullName, parse.GetValue(skip), requireLabels: false);
            var scores = terminal.WithProgress($"scoring {dataset.Count:N0} rows", _ => detector.Score(dataset.Records));
            var outPath = parse.GetValue(output)!.FullName;
            var attacks = 0;
            var unknownRows = 0;
            AtomicFile.WriteText(outPath, writer =>
            {
                writer.WriteLine("row,line,predicted,score,unknown_category");
                for (var i = 0; i < dataset.Count; i++)
                {
                    var isAttack = detector.IsAttack(scores[i]);
                    var unknown = detector.Encoder.HasUnknown(dataset.Records[i]);
                    if (isAttack) attacks++;
                    if (unknown) unknownRows++;
                    writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{i + 1},{dataset.LineNumbers[i]},{(isAttack ? "attack" : "normal")},{scores[i]:0.######},{(unknown ? 1 : 0)}"));
                }
            });
            terminal.Info($"[green]wrote[/] {dataset.Count:N0} rows to {Spectre.Console.Markup.Escape(outPath)}: {attacks:N0} attack, {dataset.Count - attacks:N0} normal (threshold {detector.Threshold:0.####})");
            if (unknownRows > 0)
                terminal.Info($"[yellow]{unknownRows:N0} rows had a categorical value never seen in training (encoded as unknown).[/]");
            return 0;
        });
        return command;
    }
}
