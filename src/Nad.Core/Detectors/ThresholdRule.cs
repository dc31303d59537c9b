namespace Nad.Core.Detectors;

/// <summary>How <see cref="DetectorTraining"/> chooses a supervised model's threshold (<c>nad train --threshold</c>).</summary>
public enum ThresholdRule
{
    /// <summary>Max F1 on a stratified random hold-out of the training rows (20%).</summary>
    HeldOut,

    /// <summary>Max F1 on the pooled scores of leave-attack-types-out validation (<see cref="Evaluation.NovelAttackValidation"/>).</summary>
    Novel,

    /// <summary>Max balanced accuracy (TPR − FPR) on the same pool: does not depend on the share of attacks.</summary>
    NovelBalanced,
}

/// <summary>The command-line names of the threshold rules.</summary>
public static class ThresholdRules
{
    private static readonly (ThresholdRule Rule, string Name)[] Table =
        [(ThresholdRule.HeldOut, "held-out"), (ThresholdRule.Novel, "novel"), (ThresholdRule.NovelBalanced, "novel-balanced")];

    public static IReadOnlyList<string> Names { get; } = Table.Select(t => t.Name).ToArray();

    public static string NameOf(ThresholdRule rule) => Table.First(t => t.Rule == rule).Name;

    public static ThresholdRule Parse(string name) =>
        Table.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase)) is { Name: not null } hit
            ? hit.Rule
            : throw new ArgumentException($"--threshold is '{name}'; expected one of {string.Join(", ", Names)}.");

    public static bool LeavesAttackTypesOut(this ThresholdRule rule) => rule is ThresholdRule.Novel or ThresholdRule.NovelBalanced;
}
