namespace Nad.Core.Thresholds;

/// <summary>
/// The leave-attack-types-out rules: max F1 (<c>novel</c>) or max balanced accuracy
/// (<c>novel-balanced</c>) on the pool of leave-attack-types-out validation, where every attack was
/// also scored by a model that never saw its type, so the cut anticipates attacks never seen in training.
/// </summary>
public sealed class NovelTypesRule : IThresholdRule
{
    public static NovelTypesRule MaxF1 { get; } = new(balanced: false);
    public static NovelTypesRule MaxBalancedAccuracy { get; } = new(balanced: true);

    private readonly bool _balanced;

    private NovelTypesRule(bool balanced) => _balanced = balanced;

    public ThresholdRuleKind Kind => _balanced ? ThresholdRuleKind.NovelBalanced : ThresholdRuleKind.Novel;
    public bool NeedsLabels => true;
    public ThresholdScores Scores => ThresholdScores.NovelAttackPool;

    public ThresholdSelection Choose(IReadOnlyList<double> scores, IReadOnlyList<bool>? truth)
    {
        var labels = ThresholdSelection.RequireTruth(this, scores, truth);
        return _balanced
            ? ThresholdSelection.From(this, ThresholdSelector.MaxBalancedAccuracy(labels, scores), "max balanced accuracy", labels)
            : ThresholdSelection.From(this, ThresholdSelector.MaxF1(labels, scores), "max F1", labels);
    }
}
