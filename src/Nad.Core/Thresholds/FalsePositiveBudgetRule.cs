namespace Nad.Core.Thresholds;

/// <summary>
/// An alert budget: the lowest threshold that flags at most <see cref="Rate"/> of the held-out
/// normal rows (<see cref="ThresholdSelector.ForFalsePositiveRate"/>), for any model.
/// </summary>
public sealed class FalsePositiveBudgetRule : IThresholdRule
{
    public FalsePositiveBudgetRule(double rate)
    {
        if (!(rate >= 0 && rate < 1)) throw new ArgumentOutOfRangeException(nameof(rate), rate, "A false-positive budget is a share from 0 to below 1.");
        Rate = rate;
    }

    /// <summary>The share of held-out normal rows the threshold may flag.</summary>
    public double Rate { get; }

    public ThresholdRuleKind Kind => ThresholdRuleKind.FalsePositiveBudget;
    public bool NeedsLabels => true;
    public ThresholdScores Scores => ThresholdScores.HeldOut;

    public ThresholdSelection Choose(IReadOnlyList<double> scores, IReadOnlyList<bool>? truth)
    {
        var labels = ThresholdSelection.RequireTruth(this, scores, truth);
        return ThresholdSelection.From(this, ThresholdSelector.ForFalsePositiveRate(labels, scores, Rate), $"flag {Rate:P2} of held-out normal rows", labels) with { Parameter = Rate };
    }
}
