using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Nad.Core.Detectors.MlNet;
using Nad.Core.Detectors.Trees;
using Nad.Core.Evaluation;
using Nad.Core.Features;
using Nad.Core.Reading;

namespace Nad.Bench;

/// <summary>
/// Where ML.NET FastForest's fit time goes on NSL-KDD, and which options cost time without
/// buying accuracy: each variant is fitted on the full training file (1 thread and all
/// cores) and scored on KDDTest+ / KDDTest-21 through the flat trees. Accuracy is at vote
/// sum 0 (a plain majority vote: no threshold is tuned, on training or test rows).
/// Usage: <c>forest-options [--seeds N] [--only name,name]</c>.
/// </summary>
internal static class ForestOptionsBench
{
    public static void Run(string[] args)
    {
        var seeds = Arg(args, "--seeds", 2);
        var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault()?.Split(',');
        var train = NslKddReader.ReadFile(BundledData.Train);
        var tests = new[] { NslKddReader.ReadFile(BundledData.TestPlus), NslKddReader.ReadFile(BundledData.Test21) };
        var truth = train.RequireLabels().Select(l => l.IsAttack).ToArray();

        var clock = Stopwatch.StartNew();
        var encoder = FeatureEncoder.Fit(train.Records);
        var batch = encoder.EncodeBatch(train.Records);
        var encode = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var ml = new MLContext(1);
        var view = MlNetData.ToDataView(ml, batch, truth);
        var toView = clock.Elapsed.TotalSeconds;
        var testRows = tests.Select(t => encoder.EncodeBatch(t.Records)).ToArray();
        var testTruth = tests.Select(t => t.RequireLabels().Select(l => l.IsAttack).ToArray()).ToArray();
        Console.WriteLine($"encode training rows: {encode:0.000} s; rows → IDataView: {toView:0.000} s; {batch.Dimension} columns");
        Console.WriteLine();
        Console.WriteLine("| variant | threads | seed | fit s | trees→flat s | acc KDDTest+ | AUC KDDTest+ | acc KDDTest-21 | AUC KDDTest-21 |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");

        var variants = new (string Name, Action<FastForestBinaryTrainer.Options> Set)[]
        {
            ("current (leaves 64, min-leaf 2, ff 0.7, bins 255)", _ => { }),
            ("trees 1 (fixed cost)", o => o.NumberOfTrees = 1),
            ("trees 10", o => o.NumberOfTrees = 10),
            ("trees 1, bins 32", o => { o.NumberOfTrees = 1; o.MaximumBinCountPerFeature = 32; }),
            ("bins 64", o => o.MaximumBinCountPerFeature = 64),
            ("bins 32", o => o.MaximumBinCountPerFeature = 32),
            ("bins 16", o => o.MaximumBinCountPerFeature = 16),
            ("ff 0.3", o => o.FeatureFraction = 0.3),
            ("split ff 0.1 (~sqrt)", o => o.FeatureFractionPerSplit = 0.1),
            ("split ff 0.3", o => o.FeatureFractionPerSplit = 0.3),
            ("bagging 0.3", o => o.BaggingExampleFraction = 0.3),
            ("min-leaf 20", o => o.MinimumExampleCountPerLeaf = 20),
            ("bins 32, split ff 0.3", o => { o.MaximumBinCountPerFeature = 32; o.FeatureFractionPerSplit = 0.3; }),
            ("bins 32, ff 0.3, bagging 0.5", o => { o.MaximumBinCountPerFeature = 32; o.FeatureFraction = 0.3; o.BaggingExampleFraction = 0.5; }),
            ("bins 32, split ff 0.3, bagging 0.5", o => { o.MaximumBinCountPerFeature = 32; o.FeatureFractionPerSplit = 0.3; o.BaggingExampleFraction = 0.5; }),
        };
        foreach (var (name, set) in variants)
        {
            if (only is not null && !only.Any(o => name.StartsWith(o, StringComparison.Ordinal))) continue;
            foreach (var threads in new[] { 1, Environment.ProcessorCount }.Distinct())
                for (var seed = 1; seed <= (threads == 1 ? seeds : 1); seed++)
                {
                    var options = new FastForestBinaryTrainer.Options
                    {
                        NumberOfTrees = 100,
                        NumberOfLeaves = 64,
                        MinimumExampleCountPerLeaf = 2,
                        FeatureFraction = 0.7,
                        NumberOfThreads = threads,
                        Seed = seed,
                        FeatureColumnName = MlNetData.FeaturesColumn,
                        LabelColumnName = MlNetData.LabelColumn,
                    };
                    set(options);
                    clock.Restart();
                    var model = new MLContext(seed).BinaryClassification.Trainers.FastForest(options).Fit(view);
                    var fit = clock.Elapsed.TotalSeconds;
                    clock.Restart();
                    var trees = FlatTreeEnsemble.From(model.Model.TrainedTreeEnsemble);
                    var flat = clock.Elapsed.TotalSeconds;
                    var cells = new List<string>();
                    for (var t = 0; t < tests.Length; t++)
                    {
                        var scores = new double[testRows[t].Rows];
                        for (var i = 0; i < scores.Length; i++) scores[i] = trees.Evaluate(testRows[t].Row(i));
                        var metrics = BinaryMetrics.Compute(testTruth[t], scores, 0);
                        cells.Add($"{metrics.Accuracy:P2}");
                        cells.Add($"{RankMetrics.RocAuc(testTruth[t], scores):0.0000}");
                    }
                    Console.WriteLine($"| {name} | {threads} | {seed} | {fit:0.00} | {flat:0.000} | {string.Join(" | ", cells)} |");
                }
        }
        var lightGbm = new (string Name, LightGbmForestOptions Options)[]
        {
            ("LightGBM rf (leaves 64, min-leaf 2, ff 0.7, rows 0.7)", new LightGbmForestOptions()),
            ("LightGBM rf, split ff 0.1 (~sqrt)", new LightGbmForestOptions { FeatureFraction = 1, FeatureFractionPerSplit = 0.1 }),
            ("LightGBM rf, split ff 0.3", new LightGbmForestOptions { FeatureFraction = 1, FeatureFractionPerSplit = 0.3 }),
            ("LightGBM rf, rows 0.632, split ff 0.3", new LightGbmForestOptions { RowFraction = 0.632, FeatureFraction = 1, FeatureFractionPerSplit = 0.3 }),
        };
        foreach (var (name, baseOptions) in lightGbm)
        {
            if (only is not null && !only.Any(o => name.StartsWith(o, StringComparison.Ordinal))) continue;
            foreach (var threads in new[] { 1, Environment.ProcessorCount }.Distinct())
                for (var seed = 1; seed <= (threads == 1 ? seeds : 1); seed++)
                {
                    clock.Restart();
                    var trees = LightGbmForest.Fit(batch, truth, baseOptions with { Threads = threads, Seed = seed });
                    var fit = clock.Elapsed.TotalSeconds;
                    var cells = new List<string>();
                    for (var t = 0; t < tests.Length; t++)
                    {
                        var scores = new double[testRows[t].Rows];
                        for (var i = 0; i < scores.Length; i++) scores[i] = trees.Evaluate(testRows[t].Row(i));
                        cells.Add($"{BinaryMetrics.Compute(testTruth[t], scores, 0).Accuracy:P2}");
                        cells.Add($"{RankMetrics.RocAuc(testTruth[t], scores):0.0000}");
                    }
                    Console.WriteLine($"| {name} | {threads} | {seed} | {fit:0.00} | (incl.) | {string.Join(" | ", cells)} |");
                }
        }
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
    }
}
