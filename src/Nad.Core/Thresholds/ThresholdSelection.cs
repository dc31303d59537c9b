namespace Nad.Core.Thresholds;

/// <summary>
/// How a threshold was chosen, as data: the rule and its parameter, what it maximized, on how many
/// rows; for the leave-attack-types-out rules also the groups left out and what share of the
/// never-seen attack types the threshold catches. <see cref="Describe"/> gives the words a model
/// file's manifest shows. Files written before some fields existed read them as null (or NaN).
/// </summary>
public sealed record ThresholdSelection
{
    public required ThresholdRuleKind Rule { get; init; }

    /// <summary>The rule's parameter: the false-positive budget, the contamination fraction, or the fixed cut; null for the max-F1 rules.</summary>
    public double? Parameter { get; init; }

    /// <summary>The threshold chosen (NaN in files written before it was recorded here; the manifest's own threshold is the one used).</summary>
    public double Threshold { get; init; } = double.NaN;

    /// <summary>What the rule maximized or fixed, in words.</summary>
    public required string Criterion { get; init; }

    /// <summary>The rows whose scores the threshold was chosen on (0 for a fixed cut).</summary>
    public required int ValidationRows { get; init; }
    public int? NormalRows { get; init; }

    /// <summary>Where those scores came from (null in files written before it was recorded).</summary>
    public ThresholdScores? Scores { get; init; }

    /// <summary>The share of the training rows held out (stratified) when the rule used a held-out split.</summary>
    public double? HeldOutFraction { get; init; }

    /// <summary>False when the training rows had no labels (no metrics could be measured).</summary>
    public bool Labelled { get; init; } = true;

    public IReadOnlyList<string[]>? LeftOutGroups { get; init; }
    public int? NovelAttackRows { get; init; }
    public int? SeenAttackRows { get; init; }
    /// <summary>Share of the novel-type attack rows of the pool at or above the threshold.</summary>
    public double? NovelDetectionRate { get; init; }
    /// <summary>Share of the seen-type held-out attack rows of the pool at or above the threshold.</summary>
    public double? SeenDetectionRate { get; init; }

    /// <summary>The selection in words, as <c>ModelManifest.ThresholdRule</c> and <c>nad train</c> show it.</summary>
    public string Describe()
    {
        var held = HeldOutFraction is { } fraction ? $"{ValidationRows} held-out training rows ({fraction:P0}, stratified)" : $"{ValidationRows} held-out training rows";
        var words = Rule switch
        {
            ThresholdRuleKind.HeldOut => $"maximizes F1 on {held}",
            ThresholdRuleKind.FalsePositiveBudget => $"flags {Parameter:P2} of the normal rows among {held}",
            ThresholdRuleKind.Novel or ThresholdRuleKind.NovelBalanced =>
                $"{(Rule == ThresholdRuleKind.NovelBalanced ? "maximizes balanced accuracy" : "maximizes F1")} on {ValidationRows} pooled rows of {LeftOutGroups?.Count} " +
                $"leave-attack-types-out rounds ({NormalRows} normal, {NovelAttackRows} attacks of a type the round's model never saw, " +
                $"{SeenAttackRows} held-out attacks of seen types)",
            ThresholdRuleKind.Contamination => $"flags {Parameter:P2} of {ValidationRows} training rows (contamination)",
            _ => $"the model's own cut: {Criterion}",
        };
        return Labelled ? words : $"{words} (no labels)";
    }

    /// <summary>The labels a labelled rule chooses on; throws when there are none or they do not match the scores.</summary>
    internal static IReadOnlyList<bool> RequireTruth(IThresholdRule rule, IReadOnlyList<double> scores, IReadOnlyList<bool>? truth)
    {
        if (truth is null) throw new ArgumentException($"The {ThresholdRuleKinds.NameOf(rule.Kind)} threshold rule needs labelled rows.", nameof(truth));
        if (truth.Count != scores.Count) throw new ArgumentException("One label per score.", nameof(truth));
        return truth;
    }

    /// <summary>A labelled rule's selection: its threshold and criterion, on these rows.</summary>
    internal static ThresholdSelection From(IThresholdRule rule, double threshold, string criterion, IReadOnlyList<bool> truth) => new()
    {
        Rule = rule.Kind,
        Threshold = threshold,
        Criterion = criterion,
        ValidationRows = truth.Count,
        NormalRows = truth.Count(t => !t),
        Scores = rule.Scores,
    };
}
