using Nad.Core.Records;

namespace Nad.Core.Evaluation;

/// <summary>How many records of one group (an attack family or name) there were, and how many were flagged.</summary>
public sealed record GroupRecall(string Group, long Count, long Detected)
{
    /// <summary>Share flagged as attack: recall for attacks, false-positive rate for "normal".</summary>
    public double DetectionRate => Count == 0 ? 0 : (double)Detected / Count;
}

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

/// <summary>Builds <see cref="EvaluationReport"/>s from scores and labels.</summary>
public static class Evaluator
{
    public static EvaluationReport Evaluate(
        string model, string data, IReadOnlyList<AttackLabel> labels, IReadOnlyList<double> scores, double threshold, long rowsWithUnknownCategories)
    {
        var truth = labels.Select(l => l.IsAttack).ToArray();
        var metrics = BinaryMetrics.Compute(truth, scores, threshold);

        var byFamily = Group(labels, scores, threshold, l => l.Family.ToString())
            .OrderBy(g => FamilyOrder(g.Group)).ToArray();
        var byAttack = Group(labels, scores, threshold, l => l.Name)
            .OrderBy(g => g.Group == AttackTaxonomy.NormalName ? 0 : 1)
            .ThenByDescending(g => g.Count).ThenBy(g => g.Group, StringComparer.Ordinal).ToArray();
        var unknownFamily = labels.Where(l => l.Family == AttackFamily.Unknown).Select(l => l.Name)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return new EvaluationReport(model, data, labels.Count, threshold, metrics, byFamily, byAttack, rowsWithUnknownCategories, unknownFamily);
    }

    private static IEnumerable<GroupRecall> Group(IReadOnlyList<AttackLabel> labels, IReadOnlyList<double> scores, double threshold, Func<AttackLabel, string> key)
    {
        var counts = new Dictionary<string, (long Count, long Detected)>(StringComparer.Ordinal);
        for (var i = 0; i < labels.Count; i++)
        {
            var k = key(labels[i]);
            var (count, detected) = counts.GetValueOrDefault(k);
            counts[k] = (count + 1, detected + (scores[i] >= threshold ? 1 : 0));
        }
        return counts.Select(p => new GroupRecall(p.Key, p.Value.Count, p.Value.Detected));
    }

    private static int FamilyOrder(string family) => Enum.TryParse<AttackFamily>(family, out var f) ? (int)f : int.MaxValue;
}
