namespace Nad.Core.Thresholds;

/// <summary>
/// How a detector's threshold is chosen: the one place where a threshold is born. A rule says
/// which scores it needs (<see cref="Scores"/>); the thresholded fit produces them and the rule
/// chooses. Rules never look at a test file.
/// </summary>
public interface IThresholdRule
{
    ThresholdRuleKind Kind { get; }

    /// <summary>True when the rule needs labelled rows (normal vs attack) to choose.</summary>
    bool NeedsLabels { get; }

    /// <summary>Which rows the scores handed to <see cref="Choose"/> must come from.</summary>
    ThresholdScores Scores { get; }

    /// <summary>Chooses the threshold on <paramref name="scores"/> (with <paramref name="truth"/>, attack = true, when the rule needs labels).</summary>
    ThresholdSelection Choose(IReadOnlyList<double> scores, IReadOnlyList<bool>? truth);
}
