using System.Diagnostics;
using Nad.Core.Detectors;
using Nad.Core.Evaluation;
using Nad.Core.ModelFiles;
using Nad.Core.Records;

namespace Nad.Core.Benchmarking;

/// <summary>
/// Compares models the honest way: k-fold stratified cross-validation on the training file,
/// then each model trained on the whole training file (threshold chosen on held-out training
/// rows, as <c>nad train</c> does) and measured on each test file, which is never used to tune anything.
/// </summary>
public static class BenchmarkRunner
{
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
        var results = new List<ModelBenchmark>();
        for (var m = 0; m < entries.Length; m++)
        {
            var slice = new ProgressSlice(progress, (double)m / entries.Length, (m + 1.0) / entries.Length, entries[m].Name);
            results.Add(RunOne(entries[m], settings, data, tests, options, slice, cancellationToken));
        }
        return new BenchmarkResult(started, MachineDescription(), data.Source, data.Count, options.Folds, options.Seed, options.Threads, options.SampleFraction, results);
    }

    private static ModelBenchmark RunOne(DetectorEntry entry, TrainerSettings settings, ConnectionDataset data, IReadOnlyList<ConnectionDataset> tests,
        BenchmarkOptions options, IProgress<TrainingProgress> progress, CancellationToken cancellationToken)
    {
        var trainer = entry.CreateTrainer(settings);
        CrossValidationResult? cv = null;
        if (options.Folds >= 2)
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
            results.Add(new TestFileResult(Path.GetFileName(test.Source), test.Count, report.Metrics, report.ByFamily,
                RocCurve.Compute(labels.Select(l => l.IsAttack).ToArray(), scores)));
        }
        return new ModelBenchmark(entry.Name, trainer.Parameters, cv, detector.Threshold, detector.Manifest.ThresholdRule,
            trainingSeconds, scoringSeconds > 0 ? scoredRows / scoringSeconds : 0, results);
    }

    private static string MachineDescription() =>
        $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
}
