using Nad.Core.Records;
using Nad.Core.Thresholds;

namespace Nad.Core.Detectors;

/// <summary>
/// A learning algorithm with its settings (ML.NET's "estimator"; scikit-learn's unfitted
/// estimator): fits an unthresholded <see cref="IScoringModel"/> to records, and says how its
/// threshold is chosen when the user does not say otherwise.
/// </summary>
public interface IDetectorTrainer
{
    /// <summary>The name users pick it by (the catalog's name).</summary>
    string Name { get; }

    /// <summary>True when fitting needs labels (supervised); false when labels are ignored.</summary>
    bool IsSupervised { get; }

    /// <summary>The settings, for the model file and reports.</summary>
    IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>
    /// The threshold rule this trainer's models get by default, from its parameters: max F1 on
    /// held-out rows for supervised models, a contamination share or a natural cut for unsupervised ones.
    /// </summary>
    IThresholdRule DefaultThreshold { get; }

    FittedModel Fit(ConnectionDataset data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default);
}
