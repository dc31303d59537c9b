using Nad.Core.Evaluation;

namespace Nad.Core.Benchmarking;

/// <summary>A model trained on the whole training file, measured on one test file.</summary>
public sealed record TestFileResult(string Data, long Rows, BinaryMetrics Metrics, IReadOnlyList<GroupRecall> ByFamily, IReadOnlyList<RocPoint> RocCurve);

/// <summary>Everything the benchmark measured for one model.</summary>
public sealed record ModelBenchmark(
    string Model,
    IReadOnlyDictionary<string, string> Parameters,
    CrossValidationResult? CrossValidation,
    double Threshold,
    string ThresholdRule,
    double TrainingSeconds,
    double ScoringRowsPerSecond,
    IReadOnlyList<TestFileResult> Tests);

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
