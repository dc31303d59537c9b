using Nad.Core.Evaluation;
using Nad.Core.Training;

namespace Nad.Core.Benchmarking;

/// <summary>A model trained on the whole training file, measured on one test file. <see cref="BestF1"/> is an oracle (threshold chosen on this file).</summary>
public sealed record TestFileResult(string Data, long Rows, BinaryMetrics Metrics, IReadOnlyList<GroupRecall> ByFamily, IReadOnlyList<RocPoint> RocCurve, double BestF1);

/// <summary>
/// Everything the benchmark measured for one model. <see cref="TrainedOn"/>: "all rows" (for an
/// unsupervised model, without its labels) or "normal rows". Unsupervised rows skip cross-validation.
/// </summary>
public sealed record ModelBenchmark(
    string Model,
    bool IsSupervised,
    string TrainedOn,
    IReadOnlyDictionary<string, string> Parameters,
    CrossValidationResult? CrossValidation,
    double Threshold,
    string ThresholdRule,
    double TrainingSeconds,
    double ScoringRowsPerSecond,
    IReadOnlyList<TestFileResult> Tests)
{
    /// <summary>The row's name in reports: the model, and "(normal rows)" for a clean-baseline row.</summary>
    public string Label => LabelFor(Model, TrainedOn);

    internal static string LabelFor(string model, string trainedOn) =>
        trainedOn == BenchmarkRunner.NormalRows ? $"{model} (normal rows)" : model;
}

/// <summary>The whole benchmark run: where, on what, and one entry per model.</summary>
public sealed record BenchmarkResult(
    DateTimeOffset StartedUtc,
    string Machine,
    string TrainingData,
    long TrainingRows,
    int Folds,
    int Seed,
    int Threads,
    double SampleFraction,
    IReadOnlyList<ModelBenchmark> Models);
