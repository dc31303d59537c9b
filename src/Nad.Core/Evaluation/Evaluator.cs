using Nad.Core.Records;

namespace Nad.Core.Evaluation;

/// <summary>Builds <see cref="EvaluationReport"/>s from scores and labels.</summary>
public static class Evaluator
{
    public static EvaluationReport Evaluate(
        string model, string data, IReadOnlyList<AttackLabel> labels, IReadOnlyList<double> scores, double threshold, long rowsWithUnknownCategories)
    {
        var truth = labels.Select(l => l.IsAttack).ToArray();
        var metrics = BinaryMetrics.Compute(truth, scores, threshold);

        // The schema's family names: NSL-KDD's DoS/Probe/R2L/U2R, UNSW-NB15's Exploits, Fuzzers, ...
        var byFamily = Group(labels, scores, threshold, l => l.FamilyName)
            .OrderBy(g => FamilyOrder(g.Group)).ToArray();
        var byAttack = Group(labels, scores, threshold, l => l.Name)
            .OrderBy(g => g.Group == AttackTaxonomy.NormalName ? 0 : 1)
            .ThenByDescending(g => g.Count).ThenBy(g => g.Group, StringComparer.Ordinal).ToArray();
        var unknownFamily = labels.Where(l => l.Family == AttackFamily.Unknown && l.FamilyName == nameof(AttackFamily.Unknown)).Select(l => l.Name)
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
