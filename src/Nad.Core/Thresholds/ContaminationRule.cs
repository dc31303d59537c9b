namespace Nad.Core.Thresholds;

/// <summary>
/// scikit-learn's contamination: the expected share of anomalies among the training rows puts the
/// threshold at the matching percentile of the training scores (an alert rate; labels unused).
/// </summary>
public sealed class ContaminationRule(double fraction) : IThresholdRule
{
    /// <summary>The share of training rows at or above the threshold.</summary>
    public double Fraction { get; } = fraction is > 0 and <= 0.5 ? fraction
        : throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "A contamination is a fraction in (0, 0.5].");

    public ThresholdRuleKind Kind => ThresholdRuleKind.Contamination;
    public bool NeedsLabels => false;
    public ThresholdScores Scores => ThresholdScores.TrainingRows;

    public ThresholdSelection Choose(IReadOnlyList<double> scores, IReadOnlyList<bool>? truth) => new()
    {
        Rule = Kind,
        Parameter = Fraction,
        // The score above which Fraction of the training scores lie (linear interpolation, as numpy.percentile).
        Threshold = Percentile.Linear(scores, 1 - Fraction),
        Criterion = $"flag {Fraction:P2} of the training rows",
        ValidationRows = scores.Count,
        Scores = Scores,
    };
}
