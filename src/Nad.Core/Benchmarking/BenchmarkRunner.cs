using System.Diagnostics;
using Nad.Core.Catalog;
using Nad.Core.Detectors;
using Nad.Core.Evaluation;
using Nad.Core.Records;
using Nad.Core.Training;

namespace Nad.Core.Benchmarking;

/// <summary>
/// Compares models the honest way: k-fold stratified cross-validation on the training file,
/// then each model trained on the whole training file (threshold chosen on held-out training
/// rows, as <c>nad train</c> does) and measured on each test file, which is never used to tune anything.
/// Unsupervised models ignore the labels when fitting and keep their own threshold; each is
/// trained on all rows and, as a second row, on the normal rows only. Their cross-validation
/// is skipped: it costs k more fits and says little that the two test files do not.
/// </summary>
public static class BenchmarkRunner
{
    public const string AllRows = "all rows";
    public const string NormalRows = "normal rows";

    public static BenchmarkResult Run(
        ConnectionDataset training,
        IReadOnlyList<ConnectionDataset> tests,
        BenchmarkOptions options,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var started = DateTimeOffset.UtcNow;
        var entries = options.Models.Select(DetectorCatalog.Get).ToArray();
        var data = options.SampleFraction >= 1
            ? training
            : training.Subset(StratifiedSplit.TrainHoldout(training.RequireLabels(), options.SampleFraction, options.Seed).Holdout,
                $"{training.Source} ({options.SampleFraction:P0} stratified sample)");
        var settings = new TrainerSettings { Seed = options.Seed, Threads = options.Threads };
        var runs = entries.SelectMany(e => e.IsSupervised || !options.NormalOnlyRows ? [(e, AllRows)] : new[] { (e, AllRows), (e, NormalRows) }).ToArray();
        var results = new List<ModelBenchmark>();
        for (var m = 0; m < runs.Length; m++)
        {
            var (entry, trainedOn) = runs[m];
            var slice = new ProgressSlice(progress, (double)m / runs.Length, (m + 1.0) / runs.Length, ModelBenchmark.LabelFor(entry.Name, trainedOn));
            results.Add(RunOne(entry, trainedOn, settings, data, tests, options, slice, cancellationToken));
        }
        return new BenchmarkResult(started, MachineDescription(), data.Source, data.Count, options.Folds, options.Seed, options.Threads, options.SampleFraction, results);
    }

    private static ModelBenchmark RunOne(DetectorEntry entry, string trainedOn, TrainerSettings settings, ConnectionDataset data, IReadOnlyList<ConnectionDataset> tests,
        BenchmarkOptions options, IProgress<TrainingProgress> progress, CancellationToken cancellationToken)
    {
        var trainer = entry.CreateTrainer(settings);
        if (trainedOn == NormalRows) data = data.NormalOnly();
        CrossValidationResult? cv = null;
        if (options.Folds >= 2 && entry.IsSupervised)
            cv = CrossValidation.Run(trainer, data, options.Folds, options.Seed, new ProgressSlice(progress, 0, 0.7, "cross-validation"), cancellationToken);

        var watch = Stopwatch.StartNew();
        var detector = DetectorTraining.Train(trainer, data, new TrainingDataInfo(data.Source, "", data.Count),
            new TrainingOptions { Seed = options.Seed }, new ProgressSlice(progress, 0.7, 0.95, "training on all rows"), cancellationToken);
        var trainingSeconds = watch.Elapsed.TotalSeconds;

        progress.Report(new TrainingProgress("scoring the test files", 0.95));
        var results = new List<TestFileResult>();
        double scoredRows = 0, scoringSeconds = 0;
        foreach (var test in tests)
        {
            cancellationToken.ThrowIfCancellationRequested();
            watch.Restart();
            var scores = detector.Score(test.Records);
            scoringSeconds += watch.Elapsed.TotalSeconds;
            scoredRows += test.Count;
            var labels = test.RequireLabels();
            var report = Evaluator.Evaluate(entry.Name, test.Source, labels, scores, detector.Threshold, 0);
            var truth = labels.Select(l => l.IsAttack).ToArray();
            results.Add(new TestFileResult(Path.GetFileName(test.Source), test.Count, report.Metrics, report.ByFamily,
                RocCurve.Compute(truth, scores), RankMetrics.BestF1(truth, scores)));
        }
        return new ModelBenchmark(entry.Name, entry.IsSupervised, trainedOn, trainer.Parameters, cv, detector.Threshold, detector.Manifest.ThresholdRule,
            trainingSeconds, scoringSeconds > 0 ? scoredRows / scoringSeconds : 0, results);
    }

    private static string MachineDescription() =>
        $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
}
