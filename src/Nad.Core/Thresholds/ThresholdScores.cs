using System.Text.Json.Serialization;

namespace Nad.Core.Thresholds;

/// <summary>Which rows a rule's scores must come from: what the thresholded fit has to produce before the rule can choose.</summary>
public enum ThresholdScores
{
    /// <summary>The held-out split of the training rows, scored by a model fitted on the rest (labels needed).</summary>
    [JsonStringEnumMemberName("held-out")] HeldOut,

    /// <summary>The pool of leave-attack-types-out validation: every row scored by a model that never saw it (labels needed).</summary>
    [JsonStringEnumMemberName("novel-pool")] NovelAttackPool,

    /// <summary>The training rows (labels unused), as the trainer scores them.</summary>
    [JsonStringEnumMemberName("training-rows")] TrainingRows,

    /// <summary>No scores: the cut is fixed.</summary>
    [JsonStringEnumMemberName("none")] None,
}
