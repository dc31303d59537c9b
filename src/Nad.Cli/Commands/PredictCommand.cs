using System.CommandLine;
using System.Globalization;
using Nad.Cli.Output;
using Nad.Core.Detectors;
using Nad.Core.ModelFiles;

namespace Nad.Cli.Commands;

/// <summary><c>nad predict</c>: score every row of a file and write one result row per input row.</summary>
internal static class PredictCommand
{
    public static Command Create(Terminal terminal)
    {
        var model = CommonOptions.ModelFile("Model file written by `nad train`.");
        var data = CommonOptions.Data("Records in the NSL-KDD layout (labels optional; ignored if present).");
        var output = new Option<FileInfo>("--out", "-o") { Description = "CSV to write: row, line, predicted, score, unknown_category.", Required = true };
        var skip = CommonOptions.SkipBadRows();
        var command = new Command("predict", "Score every record of a file with a model and write the verdicts as CSV.")
        {
            model, data, output, skip,
        };
        command.SetAction(parse =>
        {
            var detector = ModelFile.Load(parse.GetValue(model)!.FullName);
            var dataset = CommonOptions.Read(terminal, parse.GetValue(data)!.FullName, parse.GetValue(skip), requireLabels: false);
            var scores = terminal.WithProgress($"scoring {dataset.Count:N0} rows", _ => detector.Score(dataset.Records));
            var outPath = parse.GetValue(output)!.FullName;
            var temporary = outPath + ".tmp";
            var attacks = 0;
            var unknownRows = 0;
            using (var writer = new StreamWriter(temporary))
            {
                writer.WriteLine("row,line,predicted,score,unknown_category");
                for (var i = 0; i < dataset.Count; i++)
                {
                    var isAttack = detector.IsAttack(scores[i]);
                    var unknown = detector.Encoder.CountUnknown([dataset.Records[i]]) > 0;
                    if (isAttack) attacks++;
                    if (unknown) unknownRows++;
                    writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{i + 1},{dataset.LineNumbers[i]},{(isAttack ? "attack" : "normal")},{scores[i]:0.######},{(unknown ? 1 : 0)}"));
                }
            }
            File.Move(temporary, outPath, overwrite: true);
            terminal.Info($"[green]wrote[/] {dataset.Count:N0} rows to {Spectre.Console.Markup.Escape(outPath)}: {attacks:N0} attack, {dataset.Count - attacks:N0} normal (threshold {detector.Threshold:0.####})");
            if (unknownRows > 0)
                terminal.Info($"[yellow]{unknownRows:N0} rows had a categorical value never seen in training (encoded as unknown).[/]");
            return 0;
        });
        return command;
    }
}
