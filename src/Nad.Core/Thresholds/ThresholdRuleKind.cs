using System.Text.Json.Serialization;

namespace Nad.Core.Thresholds;

/// <summary>The kinds of threshold rule, serialized by the names model files have always used.</summary>
public enum ThresholdRuleKind
{
    /// <summary>Max F1 on a stratified random hold-out of the training rows.</summary>
    [JsonStringEnumMemberName("held-out")] HeldOut,

    /// <summary>Max F1 on the pooled scores of leave-attack-types-out validation.</summary>
    [JsonStringEnumMemberName("novel")] Novel,

    /// <summary>Max balanced accuracy (TPR − FPR) on the same pool: does not depend on the share of attacks.</summary>
    [JsonStringEnumMemberName("novel-balanced")] NovelBalanced,

    /// <summary>Flag a chosen share of the held-out normal rows (an alert budget).</summary>
    [JsonStringEnumMemberName("target-fpr")] FalsePositiveBudget,

    /// <summary>Flag a chosen share of the training rows, labels unused (scikit-learn's contamination).</summary>
    [JsonStringEnumMemberName("contamination")] Contamination,

    /// <summary>A model's natural cut, fixed before any data is seen ("model": files before contamination had its own name use it for both).</summary>
    [JsonStringEnumMemberName("model")] Fixed,
}
