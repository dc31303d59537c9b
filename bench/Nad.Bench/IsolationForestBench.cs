using System.Diagnostics;
using Nad.Core.Detectors;
using Nad.Core.Detectors.Unsupervised;
using Nad.Core.Evaluation;
using Nad.Core.Reading;
using Nad.Core.Records;

namespace Nad.Bench;

/// <summary>
/// Isolation Forest on the full NSL-KDD files: fit time, scoring throughput on KDDTest+, one
/// record's latency, and ROC-AUC on KDDTest+ / KDDTest-21, trained on all rows and on normal rows.
/// Compare with bench/reference/isolation_forest.py (scikit-learn) on the same machine.
/// </summary>
internal static class IsolationForestBench
{
    public static void Run(string[] args)
    {
        var seeds = Arg(args, "--seeds", 5);
        var parameters = new Dictionary<string, string>();
        foreach (var name in new[] { "trees", "samples", "max-features", "bootstrap", "contamination", "encoding" })
            if (ArgText(args, "--" + name) is { } value) parameters[name] = value;

        var train = NslKddReader.ReadFile(BundledData.Train);
        var testPlus = NslKddReader.ReadFile(BundledData.TestPlus);
        var test21 = NslKddReader.ReadFile(BundledData.Test21);
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; params: {string.Join(" ", parameters.Select(p => $"{p.Key}={p.Value}"))}");
        Console.WriteLine("Times from records include encoding; \"forest only\" times start from encoded float rows, as scikit-learn's do.");
        Console.WriteLine("training | seed | fit s | fit s, forest only | score KDDTest+ s | rows/s | score s, forest only | forest only, rows walked one at a time, 1 thread | one record µs | AUC KDDTest+ | AUC KDDTest-21 | flagged KDDTest+ at threshold");
        foreach (var (name, data) in new[] { ("all rows", train), ("normal rows", train.NormalOnly()) })
        {
            var aucPlus = new List<double>();
            var auc21 = new List<double>();
            for (var seed = 1; seed <= seeds; seed++)
            {
                var trainer = new IsolationForestTrainer(new TrainerSettings { Seed = seed, Parameters = parameters });
                var clock = Stopwatch.StartNew();
                var fitted = trainer.Fit(data);
                var model = (IsolationForestModel)fitted.Model;
                var fit = clock.Elapsed.TotalSeconds;
                clock.Restart();
                var scores = model.Score(testPlus.Records);
                var score = clock.Elapsed.TotalSeconds;
                var one = OneRecordMicroseconds(model, testPlus.Records);
                var trainRows = model.ForestInput(model.Encoder.EncodeBatch(data.Records));
                clock.Restart();
                IsolationForest.Fit(trainRows, data.Count, model.Forest.Dimension, trainer.Options);
                var fitForest = clock.Elapsed.TotalSeconds;
                var testRows = model.ForestInput(model.Encoder.EncodeBatch(testPlus.Records));
                clock.Restart();
                model.Forest.Score(testRows);
                var scoreForest = clock.Elapsed.TotalSeconds;
                // The walk, one row at a time (before batches went eight rows in lockstep), for the ratio.
                var walked = new double[testPlus.Count];
                clock.Restart();
                for (var i = 0; i < walked.Length; i++) walked[i] = model.Forest.Score(testRows.AsSpan(i * model.Forest.Dimension, model.Forest.Dimension));
                var scoreWalk = clock.Elapsed.TotalSeconds;
                var plus = RankMetrics.RocAuc(Truth(testPlus), scores);
                var minus21 = RankMetrics.RocAuc(Truth(test21), model.Score(test21.Records));
                aucPlus.Add(plus);
                auc21.Add(minus21);
                var threshold = trainer.DefaultThreshold.Choose(fitted.TrainingScores ?? [], null).Threshold;
                var flagged = scores.Count(s => s >= threshold) / (double)scores.Length;
                Console.WriteLine($"{name} | {seed} | {fit:0.000} | {fitForest:0.000} | {score:0.000} | {testPlus.Count / score:N0} | {scoreForest:0.000} | {scoreWalk:0.000} | {one:0.0} | {plus:0.0000} | {minus21:0.0000} | {flagged:P2}");
            }
            Console.WriteLine($"{name}: ROC-AUC KDDTest+ {Mean(aucPlus):0.000} ± {Std(aucPlus):0.000}, KDDTest-21 {Mean(auc21):0.000} ± {Std(auc21):0.000}");
        }
    }

    private static double OneRecordMicroseconds(IsolationForestModel model, IReadOnlyList<ConnectionRecord> records)
    {
        const int calls = 20_000;
        double sink = 0;
        for (var i = 0; i < 1000; i++) sink += model.ScoreOne(records[i]);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++) sink += model.ScoreOne(records[i % records.Count]);
        GC.KeepAlive(sink);
        return clock.Elapsed.TotalMicroseconds / calls;
    }

    private static bool[] Truth(ConnectionDataset data) => data.RequireLabels().Select(l => l.IsAttack).ToArray();
    private static double Mean(List<double> v) => v.Average();
    private static double Std(List<double> v) => Math.Sqrt(v.Sum(x => (x - v.Average()) * (x - v.Average())) / Math.Max(1, v.Count - 1));

    private static int Arg(string[] args, string name, int fallback) => ArgText(args, name) is { } text ? int.Parse(text) : fallback;

    private static string? ArgText(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
