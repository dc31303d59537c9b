using Nad.Core.Records;

namespace Nad.Core.Detectors;

/// <summary>
/// A learning algorithm with its settings (ML.NET's "estimator"; scikit-learn's unfitted
/// estimator): fits an <see cref="IScoringModel"/> to records.
/// </summary>
public interface IDetectorTrainer
{
    /// <summary>The name users pick it by (<c>nad train --model NAME</c>).</summary>
    string Name { get; }

    /// <summary>True when fitting needs labels (supervised); false when labels are ignored.</summary>
    bool IsSupervised { get; }

    /// <summary>The settings, for the model file and reports.</summary>
    IReadOnlyDictionary<string, string> Parameters { get; }

    IScoringModel Fit(ConnectionDataset data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default);
}
