using System.Diagnostics;
using Nad.Core.Catalog;
using Nad.Core.Detectors;
using Nad.Core.Detectors.Unsupervised;
using Nad.Core.Evaluation;
using Nad.Core.Features;
using Nad.Core.Reading;
using Nad.Core.Records;
using Nad.Core.Thresholds;
using Nad.Core.Training;

namespace Nad.Bench;

/// <summary>
/// Every unsupervised detector on the full NSL-KDD files, trained on all rows (no labels used)
/// and on normal rows: ROC-AUC, PR-AUC, F1 at the model's own threshold and the best F1 any
/// threshold could reach on the test file (an oracle, for reference only). Also PCA component
/// counts for 95% of the variance under each scaling. Prints Markdown for docs/results.md.
/// </summary>
internal static class UnsupervisedBench
{
    /// <param name="only">Run only the detectors whose label starts with one of these (e.g. dbscan); empty: all, plus the PCA table.</param>
    public static void Run(IReadOnlyList<string> only)
    {
        var train = NslKddReader.ReadFile(BundledData.Train);
        var tests = new[] { NslKddReader.ReadFile(BundledData.TestPlus), NslKddReader.ReadFile(BundledData.Test21) };

        if (only.Count == 0) PcaComponentTable(train);
        DetectorTable(train, tests, only);
    }

    private static void PcaComponentTable(ConnectionDataset train)
    {
        Console.WriteLine("| PCA input (all 125,973 training rows) | columns | components for 95% variance |");
        Console.WriteLine("|---|---|---|");
        foreach (var (name, options) in new[]
        {
            ("one-hot, raw numbers, standardized", new FeatureEncoderOptions { LogScale = false, Standardize = true }),
            ("one-hot, raw numbers, unscaled", new FeatureEncoderOptions { LogScale = false }),
            ("one-hot + log1p, standardized (pca default)", new FeatureEncoderOptions { Standardize = true }),
            ("one-hot + log1p, unscaled", new FeatureEncoderOptions()),
        })
        {
            var batch = FeatureEncoder.Fit(train.Records, options).EncodeBatch(train.Records);
            var pca = PrincipalComponents.Fit(batch.Values, batch.Rows, batch.Dimension, 0.95);
            Console.WriteLine($"| {name} | {batch.Dimension} | {pca.Count} |");
        }
    }

    private static void DetectorTable(ConnectionDataset train, ConnectionDataset[] tests, IReadOnlyList<string> only)
    {
        Console.WriteLine();
        Console.WriteLine("| model | trained on | fit s | ROC-AUC KDDTest+ | PR-AUC KDDTest+ | F1 at own threshold | best F1 (oracle) | ROC-AUC KDDTest-21 | PR-AUC KDDTest-21 |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        var models = new (string Model, string Label, Dictionary<string, string> Parameters)[]
        {
            ("isolation-forest", "isolation-forest", []),
            ("isolation-forest", "isolation-forest encoding=one-hot", new() { ["encoding"] = "one-hot" }),
            ("pca", "pca", []),
            ("pca", "pca standardize=false", new() { ["standardize"] = "false" }),
            ("randomized-pca", "randomized-pca", []),
            ("dbscan", "dbscan (5 components, eps from the elbow)", []),
            ("dbscan", "dbscan standardize=false", new() { ["standardize"] = "false" }),
        };
        foreach (var (model, label, parameters) in models.Where(m => only.Count == 0 || only.Any(o => m.Label.StartsWith(o, StringComparison.Ordinal))))
            foreach (var (trainedOn, data) in new[] { ("all rows", train), ("normal rows", train.NormalOnly()) })
            {
                var trainer = DetectorCatalog.Get(model).CreateTrainer(new TrainerSettings { Seed = 1, Parameters = parameters });
                var clock = Stopwatch.StartNew();
                // Labels withheld: the model's own threshold (a contamination share or a natural cut) on its training rows.
                var fitted = ThresholdedFit.Run(trainer, trainer.DefaultThreshold, new ConnectionDataset(data.Source, data.Records), TrainingOptions.Default);
                var fit = clock.Elapsed.TotalSeconds;
                var cells = new List<string>();
                foreach (var test in tests)
                {
                    var truth = test.RequireLabels().Select(l => l.IsAttack).ToArray();
                    var scores = fitted.Model.Score(test.Records);
                    var own = BinaryMetrics.Compute(truth, scores, fitted.Threshold);
                    var best = BinaryMetrics.Compute(truth, scores, ThresholdSelector.MaxF1(truth, scores));
                    cells.Add(cells.Count == 0
                        ? $"{own.RocAuc:0.000} | {own.PrAuc:0.000} | {own.F1:0.000} | {best.F1:0.000}"
                        : $"{own.RocAuc:0.000} | {own.PrAuc:0.000}");
                }
                Console.WriteLine($"| {label} | {trainedOn} | {fit:0.00} | {string.Join(" | ", cells)} |");
            }
    }
}
