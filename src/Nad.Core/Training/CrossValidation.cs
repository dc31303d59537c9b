using Nad.Core.Detectors;
using Nad.Core.Evaluation;
using Nad.Core.Records;

namespace Nad.Core.Training;

/// <summary>
/// Stratified k-fold cross-validation on labelled training data. Each fold's model chooses
/// its threshold on held-out rows of its own training folds, so the test fold is never seen.
/// </summary>
public static class CrossValidation
{
    public static CrossValidationResult Run(
        IDetectorTrainer trainer,
        ConnectionDataset data,
        int folds,
        int seed,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var labels = data.RequireLabels();
        var split = StratifiedSplit.Folds(labels, folds, seed);
        var results = new List<BinaryMetrics>();
        var info = new TrainingDataInfo(data.Source, "", data.Count);
        // Refit is skipped inside folds: it would double the cost and not change what CV measures.
        var options = new TrainingOptions { Seed = seed, Refit = false };
        for (var f = 0; f < folds; f++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var test = split[f];
            var train = Enumerable.Range(0, folds).Where(g => g != f).SelectMany(g => split[g]).Order().ToArray();
            var slice = new ProgressSlice(progress, (double)f / folds, (f + 1.0) / folds, $"fold {f + 1}/{folds}");
            var detector = DetectorTraining.Train(trainer, data.Subset(train), info, options, slice, cancellationToken);
            var testData = data.Subset(test);
            var scores = detector.Score(testData.Records);
            results.Add(BinaryMetrics.Compute(testData.RequireLabels().Select(l => l.IsAttack).ToArray(), scores, detector.Threshold));
        }
        return new CrossValidationResult(trainer.Name, folds, results, Summarize(results));
    }

    private static MetricSummary[] Summarize(IReadOnlyList<BinaryMetrics> folds) =>
    [
        Summary("accuracy", folds.Select(m => m.Accuracy)),
        Summary("precision", folds.Select(m => m.Precision)),
        Summary("recall", folds.Select(m => m.Recall)),
        Summary("f1", folds.Select(m => m.F1)),
        Summary("roc-auc", folds.Select(m => m.RocAuc)),
        Summary("pr-auc", folds.Select(m => m.PrAuc)),
    ];

    private static MetricSummary Summary(string name, IEnumerable<double> values)
    {
        var v = values.ToArray();
        var mean = v.Average();
        var sd = v.Length > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1)) : 0;
        return new MetricSummary(name, mean, sd);
    }
}
