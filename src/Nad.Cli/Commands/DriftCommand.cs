using System.CommandLine;
using System.Text.Json;
using Nad.Cli.Output;
using Nad.Core.Drift;
using Nad.Core.ModelFiles;
using Spectre.Console;

namespace Nad.Cli.Commands;

/// <summary>
/// <c>nad drift</c>: how far a file of connection records has moved from a model's training data
/// (PSI per feature and of the scores), the offline twin of the service's drift window.
/// </summary>
internal static class DriftCommand
{
    /// <summary>Exit code when <c>--fail-on</c> is reached: the check ran and found drift.</summary>
    public const int DriftFound = 1;

    public static Command Create(Terminal terminal)
    {
        var model = CommonOptions.ModelFile("Model file written by `nad train` (this version or later: it holds the drift baseline).");
        var data = CommonOptions.Data("Recent connection records in the NSL-KDD layout (41 columns; labels, if any, are ignored).");
        var json = CommonOptions.Json("the drift report");
        var skip = CommonOptions.SkipBadRows();
        var failOn = new Option<string?>("--fail-on")
        {
            Description = "Exit 1 when the drift level reaches this: moderate (PSI 0.1 or more) or significant (above 0.25). Without it the exit is 0 whatever the drift.",
        };
        failOn.AcceptOnlyFromAmong("moderate", "significant");
        var top = new Option<int>("--top")
        {
            Description = "Features listed, highest PSI first (--json lists them all).",
            DefaultValueFactory = _ => 15,
        };
        var command = new Command("drift", "Compare recent records with a model's training data: population stability index (PSI) per feature and of the model's scores; "
            + "below 0.1 no drift, 0.1 to 0.25 moderate, above 0.25 significant (retrain on recent normal traffic).")
        {
            model, data, json, skip, failOn, top,
        };
        command.SetAction(parse =>
        {
            var modelPath = parse.GetValue(model)!.FullName;
            if (parse.GetValue(top) < 1) throw new ArgumentException($"--top is {parse.GetValue(top)}; expected at least 1.");
            var detector = ModelFile.Load(modelPath);
            if (detector.Drift is not { } baseline) throw new ArgumentException($"{modelPath}: {DriftBaseline.MissingMessage}.");
            var dataset = CommonOptions.Read(terminal, CommonOptions.DataPaths(parse, data), parse.GetValue(skip), requireLabels: false, detector.Schema);
            var scores = terminal.WithProgress($"scoring {dataset.Count:N0} rows", _ => detector.Score(dataset.Records));
            var report = DriftMonitor.Compare(baseline, dataset.Records, scores);
            if (parse.GetValue(json))
                terminal.StdOut.WriteLine(JsonSerializer.Serialize(new { model = detector.Name, data = dataset.Source, baseline = baseline.Source, report }, ModelFile.Json));
            else
                Write(terminal.Out, detector.Name, dataset.Source, baseline, report, parse.GetValue(top));
            return parse.GetValue(failOn) is { } level && report.Level >= DriftLevels.Parse(level) ? DriftFound : 0;
        });
        return command;
    }

    private static void Write(IAnsiConsole console, string model, string data, DriftBaseline baseline, DriftReport report, int top)
    {
        console.Write(new Rule(Markup.Escape($"{model}: drift of {Path.GetFileName(data)} ({report.Records:N0} rows) against its {baseline.Source}")).LeftJustified());
        var table = new Table().AddColumns("feature", "PSI", "drift");
        foreach (var f in report.Features.Take(top)) table.AddRow(Markup.Escape(f.Name), $"{f.Psi:0.000}", Level(f.Level));
        table.AddRow("[bold]model score[/]", $"{report.Score.Psi:0.000}", Level(report.Score.Level));
        if (report.Features.Count > top) table.Caption($"{report.Features.Count - top} more: --top or --json");
        console.Write(table);
        if (!report.HasEnoughRecords)
            console.MarkupLine($"[yellow]Only {report.Records:N0} rows: fewer than {report.MinimumSample:N0} give PSI too noisy for a drift level.[/]");
        console.MarkupLine(report.Warning is { } warning ? $"[red]{Markup.Escape(warning)}[/]" : $"drift level: {Level(report.Level)}");
    }

    private static string Level(DriftLevel level) => level switch
    {
        DriftLevel.Significant => "[red]significant[/]",
        DriftLevel.Moderate => "[yellow]moderate[/]",
        _ => "none",
    };
}
