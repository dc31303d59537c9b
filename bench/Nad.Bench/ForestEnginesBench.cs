using System.Diagnostics;
using Nad.Core.Detectors;
using Nad.Core.Detectors.Supervised;
using Nad.Core.Evaluation;
using Nad.Core.Reading;
using Nad.Core.Training;

namespace Nad.Bench;

/// <summary>
/// The random forest's two engines through the whole <c>nad train</c> pipeline (threshold for
/// max F1 on a stratified 20% hold-out of the training rows, refit on all), per seed, side by
/// side: training time and KDDTest+ / KDDTest-21 accuracy, FPR and ROC-AUC.
/// Usage: <c>forest-engines [--seeds N]</c>.
/// </summary>
internal static class ForestEnginesBench
{
    public static void Run(string[] args)
    {
        var seeds = args.Length > 1 && args[0] == "--seeds" && int.TryParse(args[1], out var n) ? n : 3;
        var train = NslKddReader.ReadFile(BundledData.Train);
        var tests = new[] { NslKddReader.ReadFile(BundledData.TestPlus), NslKddReader.ReadFile(BundledData.Test21) };
        var info = DataFingerprint.Of(BundledData.Train, train.Count);
        Console.WriteLine("| engine | seed | train s (2 fits) | threshold | KDDTest+ acc | FPR | ROC-AUC | KDDTest-21 acc | FPR | ROC-AUC |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        for (var seed = 1; seed <= seeds; seed++)
            foreach (var engine in new[] { RandomForestTrainer.LightGbmEngine, RandomForestTrainer.FastForestEngine })
            {
                var settings = new TrainerSettings { Seed = seed, Parameters = new Dictionary<string, string> { ["engine"] = engine } };
                var clock = Stopwatch.StartNew();
                var detector = DetectorTraining.Train(new RandomForestTrainer(settings), train, info, new TrainingOptions { Seed = seed });
                var seconds = clock.Elapsed.TotalSeconds;
                var cells = tests.Select(t =>
                {
                    var m = BinaryMetrics.Compute(t.RequireLabels().Select(l => l.IsAttack).ToArray(), detector.Score(t.Records), detector.Threshold);
                    return $"{m.Accuracy:P2} | {m.FalsePositiveRate:P2} | {m.RocAuc:0.0000}";
                });
                Console.WriteLine($"| {engine} | {seed} | {seconds:0.0} | {detector.Threshold:0.0000} | {string.Join(" | ", cells)} |");
            }
    }
}
