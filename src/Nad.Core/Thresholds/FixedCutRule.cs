namespace Nad.Core.Thresholds;

/// <summary>
/// A model's natural cut, fixed before any data is seen: an Isolation Forest's 0.5 (contamination
/// "auto"), DBSCAN's 1 (distance over eps), the hybrid's 1 (a member's score over its own threshold).
/// </summary>
public sealed class FixedCutRule(double cut, string reason) : IThresholdRule
{
    public double Cut { get; } = double.IsFinite(cut) ? cut : throw new ArgumentOutOfRangeException(nameof(cut), cut, "A cut is a finite number.");

    /// <summary>Why this cut, in words ("the Isolation Forest paper's cut").</summary>
    public string Reason { get; } = reason;

    public ThresholdRuleKind Kind => ThresholdRuleKind.Fixed;
    public bool NeedsLabels => false;
    public ThresholdScores Scores => ThresholdScores.None;

    public ThresholdSelection Choose(IReadOnlyList<double> scores, IReadOnlyList<bool>? truth) => new()
    {
        Rule = Kind,
        Parameter = Cut,
        Threshold = Cut,
        Criterion = Reason,
        ValidationRows = 0,
        Scores = Scores,
    };
}
