using Nad.Core.Records;

namespace Nad.Core.Detectors;

/// <summary>Random splits that keep each attack name's share (so rare U2R rows land on both sides).</summary>
public static class StratifiedSplit
{
    /// <summary>Splits indices 0..n-1 into k folds, stratified by attack name, shuffled with <paramref name="seed"/>.</summary>
    public static int[][] Folds(IReadOnlyList<AttackLabel> labels, int k, int seed)
    {
        if (k < 2) throw new ArgumentOutOfRangeException(nameof(k), "Cross-validation needs at least 2 folds.");
        if (labels.Count < k) throw new ArgumentException($"Cannot make {k} folds of {labels.Count} records.");
        var random = new Random(seed);
        var folds = Enumerable.Range(0, k).Select(_ => new List<int>()).ToArray();
        var next = 0;
        // Deal each stratum's shuffled rows round-robin, continuing where the last stratum stopped,
        // so fold sizes differ by at most one.
        foreach (var stratum in Strata(labels))
        {
            var rows = stratum.ToArray();
            random.Shuffle(rows);
            foreach (var row in rows)
            {
                folds[next].Add(row);
                next = (next + 1) % k;
            }
        }
        return folds.Select(f => f.Order().ToArray()).ToArray();
    }

    /// <summary>Splits into (train, holdout) with about <paramref name="holdoutFraction"/> of each stratum held out.</summary>
    public static (int[] Train, int[] Holdout) TrainHoldout(IReadOnlyList<AttackLabel> labels, double holdoutFraction, int seed)
    {
        if (holdoutFraction is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(holdoutFraction), "Must be between 0 and 1.");
        var random = new Random(seed);
        var train = new List<int>();
        var holdout = new List<int>();
        foreach (var stratum in Strata(labels))
        {
            var rows = stratum.ToArray();
            random.Shuffle(rows);
            var held = (int)Math.Round(rows.Length * holdoutFraction);
            holdout.AddRange(rows.Take(held));
            train.AddRange(rows.Skip(held));
        }
        return (train.Order().ToArray(), holdout.Order().ToArray());
    }

    private static IEnumerable<IEnumerable<int>> Strata(IReadOnlyList<AttackLabel> labels) =>
        Enumerable.Range(0, labels.Count).GroupBy(i => labels[i].Name, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.AsEnumerable());
}
