using System.CommandLine;
using System.Text.Json;
using Nad.Cli.Output;
using Nad.Core.Detectors;
using Nad.Core.Evaluation;
using Nad.Core.ModelFiles;
using Nad.Core.Records;

namespace Nad.Cli.Commands;

/// <summary><c>nad evaluate</c>: score a labelled file and report what was caught and what was missed.</summary>
internal static class EvaluateCommand
{
    public static Command Create(Terminal terminal)
    {
        var model = CommonOptions.ModelFile("Model file written by `nad train`.");
        var data = CommonOptions.Data("Labelled file in the NSL-KDD layout (42 or 43 columns), e.g. KDDTest+.");
        var json = CommonOptions.Json("the report");
        var skip = CommonOptions.SkipBadRows();
        var command = new Command("evaluate", "Measure a model on a labelled file: accuracy, precision, recall, F1, ROC-AUC, PR-AUC, confusion matrix, recall per family and per attack.")
        {
            model, data, json, skip,
        };
        command.SetAction(parse =>
        {
            var detector = ModelFile.Load(parse.GetValue(model)!.FullName);
            var dataset = CommonOptions.Read(terminal, parse.GetValue(data)!.FullName, parse.GetValue(skip), requireLabels: true);
            var report = Evaluate(terminal, detector, dataset);
            if (parse.GetValue(json))
                terminal.StdOut.WriteLine(JsonSerializer.Serialize(report, ModelFile.Json));
            else
                ReportTables.Write(terminal.Out, report);
            return 0;
        });
        return command;
    }

    internal static EvaluationReport Evaluate(Terminal terminal, IDetector detector, ConnectionDataset data)
    {
        var scores = terminal.WithProgress($"scoring {data.Count:N0} rows", _ => detector.Score(data.Records));
        var unknown = detector is Detector d ? d.Encoder.CountUnknown(data.Records) : 0;
        var report = Evaluator.Evaluate(detector.Name, data.Source, data.RequireLabels(), scores, detector.Threshold, unknown);
        if (detector is Detector { FamilyClassifier: { } families })
            report = report with { Families = FamilyReport.Compute(data.RequireLabels(), families.FamilyProbabilities(data.Records)) };
        return report;
    }
}
