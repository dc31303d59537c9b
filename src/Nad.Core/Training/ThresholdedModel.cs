using Nad.Core.Detectors;
using Nad.Core.Evaluation;
using Nad.Core.Thresholds;

namespace Nad.Core.Training;

/// <summary>
/// What a thresholded fit gives: the final model, how its threshold was chosen, the metrics on the
/// rows it was chosen on (null without labels), and the held-out scores when a held-out split was used.
/// </summary>
public sealed record ThresholdedModel(IScoringModel Model, ThresholdSelection Selection, BinaryMetrics? Metrics, HeldOutScores? HeldOut)
{
    public double Threshold => Selection.Threshold;
}
