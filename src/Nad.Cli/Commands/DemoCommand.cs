using System.CommandLine;
using Nad.Cli.Output;
using Nad.Core.Catalog;
using Nad.Core.Detectors;
using Nad.Core.ModelFiles;
using Nad.Core.Reading;
using Nad.Core.Training;
using Spectre.Console;

namespace Nad.Cli.Commands;

/// <summary>
/// <c>nad demo</c>: the main job on a fresh clone. Trains the default model on the bundled
/// training file and evaluates it on the official held-out test sets, KDDTest+ and KDDTest-21.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(Terminal terminal)
    {
        var output = new Option<FileInfo>("--out", "-o")
        {
            Description = "Where to write the trained model (default: in NAD's home folder, $NAD_HOME).",
            DefaultValueFactory = _ => new FileInfo(Path.Combine(NadHome.Models, DetectorCatalog.DefaultModel(PredictionTarget.Attack) + ".nadmodel")),
        };
        var command = new Command("demo", "Train the default model on the bundled NSL-KDD training file, then evaluate it on KDDTest+ and KDDTest-21.")
        {
            output,
        };
        command.SetAction((parse, token) => Task.FromResult(Execute(parse, token)));
        return command;

        int Execute(ParseResult parse, CancellationToken token)
        {
            var trainPath = BundledData.Train;
            var data = CommonOptions.Read(terminal, trainPath, skipBadRows: false, requireLabels: true);
            var trainer = DetectorCatalog.Get(DetectorCatalog.DefaultModel(PredictionTarget.Attack)).CreateTrainer(TrainerSettings.Default);
            var detector = terminal.WithProgress($"training {trainer.Name}", p =>
                DetectorTraining.Train(trainer, data, DataFingerprint.Of(trainPath, data.Count), TrainingOptions.Default, p, token));
            var modelPath = parse.GetValue(output)!.FullName;
            ModelFile.Save(detector, modelPath);
            TrainCommand.WriteSummary(terminal, detector, modelPath);

            foreach (var testPath in new[] { BundledData.TestPlus, BundledData.Test21 })
            {
                var test = CommonOptions.Read(terminal, testPath, skipBadRows: false, requireLabels: true);
                ReportTables.Write(terminal.Out, EvaluateCommand.Evaluate(terminal, detector, test), maxAttacks: 15);
            }
            terminal.Out.MarkupLine("[grey]KDDTest+ holds 17 attack names never seen in training; KDDTest-21 keeps only the records most classifiers get wrong. See docs/results.md.[/]");
            return 0;
        }
    }
}
