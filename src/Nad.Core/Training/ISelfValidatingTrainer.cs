using Nad.Core.Detectors;
using Nad.Core.Records;
using Nad.Core.Thresholds;

namespace Nad.Core.Training;

/// <summary>
/// A trainer that holds rows back itself while it fits (the hybrid: each member's threshold is chosen
/// on a held-out split, then the member is refitted on all rows). Trained by <see cref="ThresholdedFit"/>
/// with a rule that needs no scores of its own (a fixed cut), or with a held-out rule when its
/// validation rows are a held-out split, it is fitted once and measured on those rows, instead of being
/// fitted twice around an outer split.
/// </summary>
public interface ISelfValidatingTrainer : IDetectorTrainer
{
    /// <summary>Where <see cref="FitValidated"/>'s scores come from, or null when this configuration cannot validate itself.</summary>
    ThresholdScores? ValidatesOn { get; }

    /// <summary>Fits on <paramref name="data"/> (split, seed and refit from <paramref name="options"/>) and scores the rows it held back.</summary>
    SelfValidatedFit FitValidated(ConnectionDataset data, TrainingOptions options, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default);
}
