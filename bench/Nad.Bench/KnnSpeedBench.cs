using System.Diagnostics;
using Nad.Core.Detectors;
using Nad.Core.Detectors.Unsupervised;
using Nad.Core.Evaluation;
using Nad.Core.Reading;
using Nad.Core.Records;

namespace Nad.Bench;

/// <summary>
/// kNN scoring speed on KDDTest+, side by side in one run: row-by-row brute force (one
/// TensorPrimitives dot product per reference row, the scorer before issue 4's follow-up) vs
/// the blocked batch (<see cref="KnnDistance.ScoreRows"/>), for two reference-set sizes; with
/// ROC-AUC (KDDTest-21 scored once, blocked), rows per second of wall time and per CPU-second. Trained on the normal rows.
/// </summary>
internal static class KnnSpeedBench
{
    public static void Run(IReadOnlyList<string> args)
    {
        var references = args.Count > 0 ? args.Select(int.Parse).ToArray() : [20_000, 5_000];
        var train = NslKddReader.ReadFile(BundledData.Train).NormalOnly();
        var test = NslKddReader.ReadFile(BundledData.TestPlus);
        var truth = test.RequireLabels().Select(l => l.IsAttack).ToArray();
        var hard = NslKddReader.ReadFile(BundledData.Test21);
        var hardTruth = hard.RequireLabels().Select(l => l.IsAttack).ToArray();
        Console.WriteLine($"load average at start: {LoadAverage()}");
        Console.WriteLine("| reference rows | scorer | ROC-AUC KDDTest+ | wall s | rows/s | CPU s | rows per CPU-second | ROC-AUC KDDTest-21 |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var reference in references)
        {
            var settings = new TrainerSettings { Parameters = new Dictionary<string, string> { ["reference"] = reference.ToString(System.Globalization.CultureInfo.InvariantCulture) } };
            var model = (KnnModel)new KnnTrainer(settings).Fit(new ConnectionDataset(train.Source, train.Records)).Model;
            var values = model.Encoder.EncodeBatch(test.Records).Values;
            var knn = model.Knn;
            var hardAuc = RankMetrics.RocAuc(hardTruth, knn.ScoreRows(model.Encoder.EncodeBatch(hard.Records).Values));
            foreach (var (name, score) in new (string, Func<double[]>)[]
            {
                ("row by row", () =>
                {
                    var scores = new double[test.Count];
                    Parallel.For(0, test.Count, i => scores[i] = knn.Score(values.AsSpan(i * knn.Dimension, knn.Dimension)));
                    return scores;
                }),
                ("blocked batch", () => knn.ScoreRows(values)),
            })
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                var scores = score();
                var wall = clock.Elapsed.TotalSeconds;
                var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                Console.WriteLine($"| {reference:N0} | {name} | {RankMetrics.RocAuc(truth, scores):0.0000} | {wall:0.0} | {test.Count / wall:N0} | {cpuSeconds:0.0} | {test.Count / cpuSeconds:N0} | {hardAuc:0.0000} |");
            }
        }
        Console.WriteLine($"load average at end: {LoadAverage()}");
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
}
