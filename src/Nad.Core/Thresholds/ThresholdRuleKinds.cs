namespace Nad.Core.Thresholds;

/// <summary>The names of the rule kinds, as model files and front ends spell them.</summary>
public static class ThresholdRuleKinds
{
    private static readonly (ThresholdRuleKind Kind, string Name)[] Table =
    [
        (ThresholdRuleKind.HeldOut, "held-out"), (ThresholdRuleKind.Novel, "novel"), (ThresholdRuleKind.NovelBalanced, "novel-balanced"),
        (ThresholdRuleKind.FalsePositiveBudget, "target-fpr"), (ThresholdRuleKind.Contamination, "contamination"), (ThresholdRuleKind.Fixed, "model"),
    ];

    public static string NameOf(ThresholdRuleKind kind) => Table.First(t => t.Kind == kind).Name;

    /// <summary>The kind named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static ThresholdRuleKind? Find(string name) =>
        Table.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)) is { Name: not null } hit ? hit.Kind : null;

    /// <summary>True for the rules that leave attack types out (K extra fits, labels needed).</summary>
    public static bool LeavesAttackTypesOut(this ThresholdRuleKind kind) => kind is ThresholdRuleKind.Novel or ThresholdRuleKind.NovelBalanced;
}
