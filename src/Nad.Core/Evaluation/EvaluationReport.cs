namespace Nad.Core.Evaluation;

/// <summary>
/// The full story of a detector on one labelled file: the binary metrics, then which families and
/// attack names it catches and misses, and how many rows had categorical values unseen in training.
/// </summary>
public sealed record EvaluationReport(
    string Model,
    string Data,
    long Rows,
    double Threshold,
    BinaryMetrics Metrics,
    IReadOnlyList<GroupRecall> ByFamily,
    IReadOnlyList<GroupRecall> ByAttack,
    long RowsWithUnknownCategories,
    IReadOnlyList<string> AttackNamesWithUnknownFamily)
{
    /// <summary>The family breakdown, for models trained for the family target; null otherwise.</summary>
    public FamilyReport? Families { get; init; }
}
