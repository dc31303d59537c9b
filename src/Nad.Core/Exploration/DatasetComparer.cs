using Nad.Core.Exploration.Statistics;
using Nad.Core.Records;

namespace Nad.Core.Exploration;

/// <summary>
/// How a second file differs from the first, feature by feature (PSI, KS) and by attack
/// names: the reasons a model trained on one scores lower on the other.
/// </summary>
internal static class DatasetComparer
{
    public static DatasetComparison Compare(ConnectionDataset baseData, NumericColumns baseColumns, ConnectionDataset other)
    {
        if (!string.Equals(baseData.Schema.Name, other.Schema.Name, StringComparison.Ordinal))
            throw new ArgumentException($"{other.Source} is read with schema '{other.Schema.Name}' and {baseData.Source} with '{baseData.Schema.Name}': only files of one schema can be compared.");
        var otherColumns = new NumericColumns(other);
        var shifts = new List<FeatureShift>();
        var onlyInOther = new List<CategoryOnlyInOne>();
        foreach (var column in baseData.Schema.FeatureColumns.Where(c => c.IsCategorical))
        {
            var a = Counts(baseData, column);
            var b = Counts(other, column);
            var psi = PopulationStability.Categorical(a, b);
            shifts.Add(new FeatureShift(column.Name, column.Kind.ToString(), psi, double.NaN, double.NaN, Shift(psi)));
            onlyInOther.AddRange(b.Where(kv => !a.ContainsKey(kv.Key)).OrderByDescending(kv => kv.Value)
                .Select(kv => new CategoryOnlyInOne(column.Name, kv.Key, (int)kv.Value)));
        }
        shifts.AddRange(baseData.Schema.FeatureColumns.Where(c => !c.IsCategorical).AsParallel().AsOrdered().Select(column =>
        {
            var psi = PopulationStability.Numeric(baseColumns[column], otherColumns[column]);
            var ks = KolmogorovSmirnovTest.Run(baseColumns[column], otherColumns[column]);
            return new FeatureShift(column.Name, column.Kind.ToString(), psi, ks.D, ks.PValue, Shift(psi));
        }));
        var ordered = shifts.OrderByDescending(s => s.Psi).ToArray();

        List<ClassCount> onlyBase = [], onlyOther = [];
        double unseenShare = 0;
        IReadOnlyList<ClassCount>? otherFamilies = null;
        var findings = new List<string>();
        if (baseData.Labels is { } baseLabels && other.Labels is { } otherLabels)
        {
            var baseNames = Names(baseLabels);
            var otherNames = Names(otherLabels);
            onlyBase = Only(baseNames, otherNames, baseLabels.Count);
            onlyOther = Only(otherNames, baseNames, otherLabels.Count);
            unseenShare = onlyOther.Sum(c => c.Share);
            otherFamilies = DatasetExplorer.Balance(other).ByFamily;
            var baseFamilies = DatasetExplorer.Balance(baseData).ByFamily.ToDictionary(c => c.Name, c => c.Share);
            var moved = otherFamilies
                .Select(c => (c.Name, Before: baseFamilies.GetValueOrDefault(c.Name), After: c.Share))
                .Where(f => f.After > 2 * f.Before || f.After < f.Before / 2)
                .Select(f => $"{f.Name} {f.Before:P2} → {f.After:P2}").ToArray();
            if (moved.Length > 0)
                findings.Add($"The family mix changes (share of rows, first file → second): {string.Join(", ", moved)}.");
            findings.Add($"{onlyOther.Count} attack names occur only in {Path.GetFileName(other.Source)}: {onlyOther.Sum(c => c.Count):N0} rows, {unseenShare:P1} of it. A model trained on {Path.GetFileName(baseData.Source)} never saw them.");
            if (onlyBase.Count > 0)
                findings.Add($"{onlyBase.Count} attack names occur only in {Path.GetFileName(baseData.Source)}.");
        }
        var large = ordered.Where(s => s.Shift == "large").Select(s => s.Feature).ToArray();
        findings.Add(large.Length == 0
            ? "No feature shifts much (every PSI < 0.25)."
            : $"{large.Length} features shift a lot (PSI > 0.25): {string.Join(", ", large)}.");
        if (onlyInOther.Count > 0)
            findings.Add($"{onlyInOther.Count} categorical values occur only in {Path.GetFileName(other.Source)} ({onlyInOther.Sum(c => c.Count):N0} rows): encoders map them to the unknown slot.");

        return new DatasetComparison(baseData.Source, other.Source, baseData.Count, other.Count, otherFamilies, ordered,
            onlyBase, onlyOther, unseenShare, onlyInOther, findings);
    }

    private static string Shift(double psi) => psi < 0.1 ? "stable" : psi < 0.25 ? "moderate" : "large";

    private static Dictionary<string, long> Counts(ConnectionDataset data, FeatureColumn column) =>
        data.Records.GroupBy(r => r.Categorical(column.ValueIndex), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);

    private static Dictionary<string, (string Family, int Count)> Names(IReadOnlyList<AttackLabel> labels) =>
        labels.Where(l => l.IsAttack).GroupBy(l => l.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (g.First().FamilyName, g.Count()), StringComparer.Ordinal);

    private static List<ClassCount> Only(Dictionary<string, (string Family, int Count)> these, Dictionary<string, (string Family, int Count)> others, int rows) =>
        these.Where(kv => !others.ContainsKey(kv.Key)).OrderByDescending(kv => kv.Value.Count).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new ClassCount(kv.Key, kv.Value.Family, kv.Value.Count, (double)kv.Value.Count / rows)).ToList();
}
