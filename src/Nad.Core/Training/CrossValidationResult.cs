using Nad.Core.Evaluation;

namespace Nad.Core.Training;

/// <summary>Per-fold metrics of a k-fold cross-validation and their summary.</summary>
public sealed record CrossValidationResult(string Model, int Folds, IReadOnlyList<BinaryMetrics> PerFold, IReadOnlyList<MetricSummary> Summary);

/// <summary>The mean and standard deviation of one metric over the folds.</summary>
public sealed record MetricSummary(string Metric, double Mean, double StandardDeviation);
