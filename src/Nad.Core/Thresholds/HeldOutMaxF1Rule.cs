namespace Nad.Core.Thresholds;

/// <summary>The threshold that maximizes F1 on held-out training rows: every supervised model's default.</summary>
public sealed class HeldOutMaxF1Rule : IThresholdRule
{
    public static HeldOutMaxF1Rule Instance { get; } = new();

    public ThresholdRuleKind Kind => ThresholdRuleKind.HeldOut;
    public bool NeedsLabels => true;
    public ThresholdScores Scores => ThresholdScores.HeldOut;

    public ThresholdSelection Choose(IReadOnlyList<double> scores, IReadOnlyList<bool>? truth)
    {
        var labels = ThresholdSelection.RequireTruth(this, scores, truth);
        return ThresholdSelection.From(this, ThresholdSelector.MaxF1(labels, scores), "max F1", labels);
    }
}
