using System.Diagnostics;
using System.Text.Json;
using Nad.Core.Catalog;
using Nad.Core.Detectors;
using Nad.Core.Evaluation;
using Nad.Core.Reading;
using Nad.Core.Records;
using Nad.Core.Training;

namespace Nad.Bench;

/// <summary>
/// NAD's side of bench/side_by_side.sh (scikit-learn's is bench/reference/supervised.py): per
/// model, the threshold that maximizes F1 on a stratified 20% of the training rows (as
/// <c>nad train</c>), then the timed fit on all rows (1 thread and all cores for the models
/// that use threads), batch scoring of KDDTest+, one-record latency, and the metrics on both
/// test files. Times start from records (encoding included). Usage:
/// <c>zoo [--models a,b] [--json out.json]</c>.
/// </summary>
internal static class ZooBench
{
    private static readonly string[] Threaded = ["random-forest", "bagging", "voting", "hybrid", "lightgbm"];

    public static void Run(string[] args)
    {
        var models = Value(args, "--models")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            ?? DetectorCatalog.Entries.Where(e => e.IsSupervised).Select(e => e.Name).ToArray();
        var json = Value(args, "--json");
        var train = NslKddReader.ReadFile(BundledData.Train);
        var tests = new[] { NslKddReader.ReadFile(BundledData.TestPlus), NslKddReader.ReadFile(BundledData.Test21) };
        var info = DataFingerprint.Of(BundledData.Train, train.Count);
        var cores = Environment.ProcessorCount;
        Console.WriteLine($"NAD, .NET {Environment.Version}, {cores} cores");

        var results = new List<Dictionary<string, object>>();
        foreach (var name in models)
        {
            var entry = DetectorCatalog.Get(name);
            var all = entry.CreateTrainer(new TrainerSettings { Threads = cores });
            var threshold = DetectorTraining.Train(all, train, info, new TrainingOptions { Refit = false }).Threshold;
            var (model, fitAll) = TimedFit(all, train);
            var fitOne = Threaded.Contains(name) && cores > 1
                ? TimedFit(entry.CreateTrainer(new TrainerSettings { Threads = 1 }), train).Seconds : fitAll;

            // Batch rate: the median of five timed runs after half a second of warm-up runs (supervised.py times
            // scikit-learn the same way): .NET compiles hot methods again, optimized, only after they have run a while,
            // so the first runs measure the start-up, not the model. The fits' garbage is collected first.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var scoresPlus = model.Score(tests[0].Records);
            for (var warm = Stopwatch.StartNew(); warm.Elapsed.TotalSeconds < 0.5;) model.Score(tests[0].Records);
            var batchSeconds = new double[5];
            for (var r = 0; r < batchSeconds.Length; r++)
            {
                var timer = Stopwatch.StartNew();
                model.Score(tests[0].Records);
                batchSeconds[r] = timer.Elapsed.TotalSeconds;
            }
            var batch = tests[0].Count / batchSeconds.Order().ElementAt(batchSeconds.Length / 2);
            var one = new ConnectionRecord[1];
            for (var i = 0; i < 200; i++) { one[0] = tests[0].Records[i]; model.Score(one); }
            const int Singles = 2000;
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < Singles; i++) { one[0] = tests[0].Records[i % tests[0].Count]; model.Score(one); }
            var oneMicroseconds = clock.Elapsed.TotalMicroseconds / Singles;

            var row = new Dictionary<string, object>
            {
                ["model"] = name,
                ["fit_1_thread_s"] = fitOne,
                ["fit_all_cores_s"] = fitAll,
                ["batch_rows_per_s"] = batch,
                ["one_record_us"] = oneMicroseconds,
                ["threshold"] = threshold,
            };
            foreach (var (test, scores) in new[] { (tests[0], scoresPlus), (tests[1], model.Score(tests[1].Records)) })
            {
                var m = BinaryMetrics.Compute(test.RequireLabels().Select(l => l.IsAttack).ToArray(), scores, threshold);
                row[Path.GetFileName(test.Source).Replace(".csv.gz", "")] = new Dictionary<string, double>
                {
                    ["accuracy"] = m.Accuracy,
                    ["precision"] = m.Precision,
                    ["recall"] = m.Recall,
                    ["f1"] = m.F1,
                    ["roc_auc"] = m.RocAuc,
                    ["fpr"] = m.FalsePositiveRate,
                };
            }
            results.Add(row);
            var plus = (Dictionary<string, double>)row["KDDTest+"];
            Console.WriteLine($"  {name}: fit {fitOne:0.00} s (1 thread), {fitAll:0.00} s ({cores} cores); {batch:N0} rows/s; " +
                              $"one record {oneMicroseconds:0.0} µs; KDDTest+ accuracy {plus["accuracy"]:P2}, ROC-AUC {plus["roc_auc"]:0.0000}");
        }
        if (json is not null)
            File.WriteAllText(json, JsonSerializer.Serialize(new { stack = $"NAD (.NET {Environment.Version})", cores, results }));
    }

    private static (IScoringModel Model, double Seconds) TimedFit(IDetectorTrainer trainer, ConnectionDataset data)
    {
        var clock = Stopwatch.StartNew();
        var model = trainer.Fit(data).Model;
        return (model, clock.Elapsed.TotalSeconds);
    }

    private static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
