using System.CommandLine;
using System.Text.Json;
using Nad.Cli.Output;
using Nad.Core.Detectors;
using Nad.Core.Evaluation;
using Nad.Core.ModelFiles;
using Nad.Core.Records;
using Nad.Core.Training;
using Nad.Reports;
using Spectre.Console;

namespace Nad.Cli.Commands;

/// <summary><c>nad evaluate</c>: score a labelled file and report what was caught and what was missed.</summary>
internal static class EvaluateCommand
{
    public static Command Create(Terminal terminal)
    {
        var model = CommonOptions.ModelFile("Model file written by `nad train`.");
        var data = CommonOptions.Data("Labelled file in the model's schema (NSL-KDD: 42 or 43 columns, e.g. KDDTest+).");
        var schema = CommonOptions.Schema("The layout of --data; must be the model's schema (the default).");
        var json = CommonOptions.Json("the report");
        var skip = CommonOptions.SkipBadRows();
        var plots = new Option<DirectoryInfo?>("--plots")
        {
            Description = "Folder to write scores-<file>.svg into: histograms of the normal and attack scores (log counts) with the threshold.",
        };
        var dedup = CommonOptions.Dedup();
        var testFiles = CommonOptions.TestFiles();
        var command = new Command("evaluate", "Measure a model on a labelled file: accuracy, precision, recall, F1, ROC-AUC, PR-AUC, confusion matrix, recall per family and per attack.")
        {
            model, data, schema, json, skip, plots, dedup, testFiles,
        };
        command.SetAction(parse =>
        {
            var modelPath = parse.GetValue(model)!.FullName;
            var detector = ModelFile.Load(modelPath);
            var layout = CommonOptions.ModelSchema(parse.GetValue(schema), detector.Schema, modelPath);
            var dataset = CommonOptions.Read(terminal, CommonOptions.DataPaths(parse, data), parse.GetValue(skip), requireLabels: true, layout);
            if (parse.GetValue(dedup)) dataset = CommonOptions.RemoveDuplicates(terminal, dataset);
            // The same files, --dedup and --test-files as `nad train` had give the very test rows it measured.
            if (parse.GetValue(testFiles) is { Length: > 0 } names) dataset = CommonOptions.SplitByFiles(terminal, dataset, names, training: false).Test;
            var (report, scores) = EvaluateWithScores(terminal, detector, dataset);
            if (parse.GetValue(plots) is { } folder)
                terminal.Info($"[green]wrote[/] {Markup.Escape(WriteScorePlot(folder.FullName, detector, dataset, scores))}");
            if (parse.GetValue(json))
                terminal.StdOut.WriteLine(JsonSerializer.Serialize(report, ModelFile.Json));
            else
                ReportTables.Write(terminal.Out, report);
            return 0;
        });
        return command;
    }

    internal static EvaluationReport Evaluate(Terminal terminal, IDetector detector, ConnectionDataset data) =>
        EvaluateWithScores(terminal, detector, data).Report;

    /// <summary>scores-&lt;file&gt;.svg in <paramref name="folder"/>: works for any <see cref="IDetector"/>.</summary>
    internal static string WriteScorePlot(string folder, IDetector detector, ConnectionDataset data, double[] scores)
    {
        Directory.CreateDirectory(folder);
        var file = Path.GetFileName(data.Source);
        var stem = file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? Path.GetFileNameWithoutExtension(file) : file;
        var path = Path.Combine(folder, $"scores-{Path.GetFileNameWithoutExtension(stem)}.svg");
        var truth = data.RequireLabels().Select(l => l.IsAttack).ToArray();
        File.WriteAllText(path, ScorePlots.Histogram($"{detector.Name} scores on {file}", scores, truth, detector.Threshold));
        return path;
    }

    private static (EvaluationReport Report, double[] Scores) EvaluateWithScores(Terminal terminal, IDetector detector, ConnectionDataset data)
    {
        var scores = terminal.WithProgress($"scoring {data.Count:N0} rows", _ => detector.Score(data.Records));
        var unknown = detector is Detector d ? d.Encoder.CountUnknown(data.Records) : 0;
        var report = Evaluator.Evaluate(detector.Name, data.Source, data.RequireLabels(), scores, detector.Threshold, unknown);
        if (detector is Detector { FamilyClassifier: { } families })
            report = report with { Families = FamilyReport.Compute(families.Classes, data.RequireLabels(), families.FamilyProbabilities(data.Records)) };
        return (report, scores);
    }
}
