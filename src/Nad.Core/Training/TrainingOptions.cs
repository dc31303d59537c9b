using Nad.Core.Thresholds;

namespace Nad.Core.Training;

/// <summary>How a detector is trained end to end.</summary>
public sealed record TrainingOptions
{
    /// <summary>Share of the training rows held out (stratified) to choose the threshold on.</summary>
    public double ValidationFraction { get; init; } = 0.2;

    /// <summary>After choosing the threshold, fit again on all rows (default) rather than keep the smaller fit.</summary>
    public bool Refit { get; init; } = true;

    public int Seed { get; init; } = 42;

    /// <summary>
    /// When set, the threshold flags this share of the held-out normal rows (an alert budget,
    /// <see cref="FalsePositiveBudgetRule"/>), for any model, instead of the model's default rule. Needs labels.
    /// </summary>
    public double? TargetFalsePositiveRate { get; init; }

    /// <summary>
    /// The threshold rule the user chose: <see cref="ThresholdRuleKind.Novel"/> or <see cref="ThresholdRuleKind.NovelBalanced"/>;
    /// null or <see cref="ThresholdRuleKind.HeldOut"/>: the trainer's default on the held-out split
    /// (<see cref="Detectors.IDetectorTrainer.DefaultThreshold"/>: max F1 for supervised models, their own cut for the others;
    /// the novel rule over-flagged KDDTest+'s normal traffic, docs/results.md, so no model defaults to it).
    /// </summary>
    public ThresholdRuleKind? Threshold { get; init; }

    /// <summary>Groups of attack names left out one at a time by the leave-attack-types-out rules (K extra fits).</summary>
    public int NovelGroups { get; init; } = 5;

    /// <summary>A model's own threshold that flags less than this share of the rows it was checked on draws a warning.</summary>
    public double LowAlertRateWarning { get; init; } = 0.01;

    public static TrainingOptions Default { get; } = new();
}
